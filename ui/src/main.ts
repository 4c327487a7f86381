import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { AppState } from './lib/app.svelte';
import { tauriBackend } from './engine/tauri-backend';

const target = document.getElementById('app');
if (!target) throw new Error('no #app element');
const app = new AppState(tauriBackend);
// Asks the core for the first view before mounting: the answer is on its way while the app
// builds its DOM.
void app.start();
mount(App, { target, props: { app } });
