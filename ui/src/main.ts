import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { AppState } from './lib/app.svelte';
import { tauriBackend } from './engine/tauri-backend';

const target = document.getElementById('app');
if (!target) throw new Error('no #app element');
const app = new AppState(tauriBackend);
mount(App, { target, props: { app } });
void app.start();
