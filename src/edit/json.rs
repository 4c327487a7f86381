//! Edits as JSON, the form the app sends and `klantreis apply` reads: one edit
//! (`{"op": "update_card", "id": "…", "patch": {"emotion": 1}}`) or an array of edits, applied
//! as one undo step. The JSON Schema of that form is generated from [`EditInput`] into
//! `docs/edit.schema.json` ([`schema_json`]); a test keeps the file current.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Edit;

/// What `klantreis apply` reads: one edit, or several as one undo step (later edits see what
/// earlier ones did, and may refer to records they create by client-chosen ids).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum EditInput {
    One(Box<Edit>),
    Group(Vec<Edit>),
}

impl EditInput {
    pub fn into_edits(self) -> Vec<Edit> {
        match self {
            EditInput::One(e) => vec![*e],
            EditInput::Group(v) => v,
        }
    }
}

/// Reads one edit or an array of edits. The error names the offending value by its JSON path
/// (`$[1]: missing field \`id\``), in one line.
pub fn parse(text: &str) -> Result<Vec<Edit>, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("$: not valid JSON: {e}"))?;
    // Not `EditInput` itself: an untagged enum only says "did not match any variant".
    match value {
        serde_json::Value::Array(_) => from_value::<Vec<Edit>>(value),
        serde_json::Value::Object(_) => from_value::<Edit>(value).map(|e| vec![e]),
        other => Err(format!(
            "$: expected an edit (an object with \"op\") or an array of edits, got {other}"
        )),
    }
}

fn from_value<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, String> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." {
            "$".to_string()
        } else if path.starts_with('[') {
            format!("${path}")
        } else {
            format!("$.{path}")
        };
        let msg = e.into_inner().to_string();
        format!("{path}: {}", msg.lines().next().unwrap_or("invalid edit"))
    })
}

/// The JSON Schema of [`EditInput`], as written to `docs/edit.schema.json`.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(EditInput);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_or_a_group() {
        let one = parse(r#"{"op": "delete_cards", "ids": ["card_a"]}"#).expect("one");
        assert_eq!(
            one,
            vec![Edit::DeleteCards {
                ids: vec!["card_a".into()]
            }]
        );
        let two = parse(r#"[{"op": "delete_phase", "id": "p"}, {"op": "delete_lane", "id": "l"}]"#)
            .expect("group");
        assert_eq!(two.len(), 2);
    }

    #[test]
    fn errors_name_the_place() {
        let e = parse("{").expect_err("bad json");
        assert!(e.starts_with("$: not valid JSON"), "{e}");
        let e = parse(r#"[{"op": "delete_phase", "id": "p"}, {"op": "delete_phase"}]"#)
            .expect_err("missing id");
        assert!(e.starts_with("$[1]") && e.contains("id"), "{e}");
        let e = parse(r#"{"op": "paint_it_black"}"#).expect_err("unknown op");
        assert!(e.contains("paint_it_black"), "{e}");
        let e = parse("3").expect_err("a number");
        assert!(e.contains("expected an edit"), "{e}");
    }
}
