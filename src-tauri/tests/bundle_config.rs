//! The installers' configuration as the tauri CLI reads it on each system: `tauri.conf.json`
//! with `tauri.<platform>.conf.json` merged over it (a JSON merge patch, RFC 7396, as the CLI
//! does). Checked here because the three installers are built on GitHub's runners
//! (.github/workflows/release.yml), never on this machine: each system's bundle targets, the
//! `.klantreis` file association on all three, and the icons and settings each one needs
//! (docs/packaging.md explains the choices).

use std::path::{Path, PathBuf};

use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn read(name: &str) -> Value {
    let path = dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// RFC 7396: objects merge key by key, `null` removes, anything else replaces.
fn merge(base: &mut Value, patch: &Value) {
    match (base, patch) {
        (Value::Object(b), Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    b.remove(k);
                } else {
                    merge(b.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
        }
        (b, p) => *b = p.clone(),
    }
}

/// The configuration the CLI builds with on `platform` ("linux", "windows", "macos").
fn config(platform: &str) -> Value {
    let mut base = read("tauri.conf.json");
    merge(&mut base, &read(&format!("tauri.{platform}.conf.json")));
    base
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

#[test]
fn each_system_builds_its_own_installers() {
    let expected = [
        ("linux", vec!["deb", "rpm", "appimage"]),
        ("windows", vec!["nsis", "msi"]),
        ("macos", vec!["app", "dmg"]),
    ];
    for (platform, targets) in expected {
        let c = config(platform);
        assert_eq!(strings(&c["bundle"]["targets"]), targets, "{platform}");
        assert_eq!(c["bundle"]["active"], true, "{platform}");
    }
    // The base names no targets: one left there would silently apply to a system whose file
    // forgot to name its own.
    assert!(read("tauri.conf.json")["bundle"].get("targets").is_none());
}

#[test]
fn klantreis_files_open_with_the_app_on_every_system() {
    for platform in ["linux", "windows", "macos"] {
        let c = config(platform);
        let assoc = c["bundle"]["fileAssociations"]
            .as_array()
            .unwrap_or_else(|| panic!("{platform}: no fileAssociations"));
        let doc = assoc
            .iter()
            .find(|a| strings(&a["ext"]) == ["klantreis"])
            .unwrap_or_else(|| panic!("{platform}: no association for .klantreis"));
        assert_eq!(doc["mimeType"], "application/x-klantreis", "{platform}");
        assert_eq!(doc["role"], "Editor", "{platform}");
        // Windows shows the description in Explorer's Type column; macOS the name.
        assert!(
            doc["description"].as_str().is_some_and(|d| !d.is_empty()),
            "{platform}: description"
        );
        assert!(doc["name"].as_str().is_some_and(|n| !n.is_empty()));
        // macOS: the app declares the document type it owns, and claims that same type.
        let exported = doc["exportedType"]["identifier"].as_str().unwrap_or("");
        assert_eq!(exported, "nl.klantreis.document", "{platform}");
        assert_eq!(strings(&doc["contentTypes"]), [exported], "{platform}");
        assert!(strings(&doc["exportedType"]["conformsTo"]).contains(&"public.data"));
        assert_eq!(doc["rank"], "Owner", "{platform}");
    }
    // Linux: the desktop entry the .deb installs names the same type.
    let desktop = std::fs::read_to_string(dir().join("../packaging/klantreis.desktop"))
        .expect("packaging/klantreis.desktop");
    assert!(desktop.contains("MimeType=application/x-klantreis;"));
    assert!(desktop.contains("Exec=klantreis-app %f"));
}

#[test]
fn each_system_has_its_icon_format() {
    let c = config("linux");
    let icons = strings(&c["bundle"]["icon"]);
    let find = |ext: &str| {
        icons
            .iter()
            .find(|i| i.ends_with(ext))
            .map(|i| dir().join(i))
            .unwrap_or_else(|| panic!("no {ext} icon in bundle.icon"))
    };
    // Windows wants an .ico, macOS an .icns, Linux the PNGs; each is what its name says.
    let magic: [(&str, &[u8]); 3] = [
        (".ico", &[0, 0, 1, 0]),
        (".icns", b"icns"),
        ("icon.png", b"\x89PNG"),
    ];
    for (ext, head) in magic {
        let path = find(ext);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(bytes.starts_with(head), "{} is not a {ext}", path.display());
    }
    for icon in icons {
        assert!(dir().join(icon).is_file(), "{icon} is missing");
    }
}

#[test]
fn windows_installs_per_user_in_dutch_or_english() {
    let c = config("windows");
    let w = &c["bundle"]["windows"];
    assert_eq!(w["nsis"]["installMode"], "currentUser");
    let languages = strings(&w["nsis"]["languages"]);
    assert!(languages.contains(&"Dutch") && languages.contains(&"English"));
    assert_eq!(w["webviewInstallMode"]["type"], "downloadBootstrapper");
    let msi = strings(&w["wix"]["language"]);
    assert!(msi.contains(&"nl-NL") && msi.contains(&"en-US"));
}

#[test]
fn macos_names_its_oldest_supported_version() {
    let c = config("macos");
    let v = c["bundle"]["macOS"]["minimumSystemVersion"]
        .as_str()
        .expect("minimumSystemVersion");
    let parts: Vec<u32> = v.split('.').map(|p| p.parse().expect("number")).collect();
    // Tauri 2's WebKit needs 10.15 (Catalina) or newer.
    assert!(parts >= vec![10, 15], "{v}");
}
