//! What a workshop decides, kept in the journey's record: the voting round (participants, dots
//! per person, an optional cap per card; the votes themselves are on the cards) and the parking
//! lot (open questions, decisions, actions with owner, due date and done).
//!
//! Both live in the journey's JSON with serde defaults, as links and review answers do: one
//! edit rewrites the journey's record anyway, history, snapshots, `edit::diff`, the interchange
//! and sharing carry them as any other journey field.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The dots each participant gets when nothing else is said (the common "three dots" round).
pub const DEFAULT_DOTS: u32 = 3;

fn default_dots() -> u32 {
    DEFAULT_DOTS
}

/// A dot-voting round: every participant puts `dots_per_person` dots on the cards that matter
/// most, at most `cap_per_card` of them on one card when a cap is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct VotingRound {
    pub participants: u32,
    #[serde(default = "default_dots")]
    pub dots_per_person: u32,
    /// The most dots one card may get from one round (absent: no cap).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(type = "number | undefined"))]
    pub cap_per_card: Option<u32>,
}

impl VotingRound {
    /// The dots the round hands out: participants × dots per person.
    pub fn budget(&self) -> u64 {
        u64::from(self.participants) * u64::from(self.dots_per_person)
    }
}

/// A question the session could not answer; `answer` is filled in when it can.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct OpenQuestion {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(type = "string | undefined"))]
    pub answer: String,
}

/// Something the session decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub id: String,
    pub text: String,
}

/// Something someone will do after the session. `question_id` ties it to the open question it
/// answers (the "next steps" step is done when every question has an answer or an action).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(type = "string | undefined"))]
    pub owner: String,
    /// A date as `YYYY-MM-DD` (empty: none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(type = "string | undefined"))]
    pub due: String,
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "ts", ts(type = "boolean | undefined"))]
    pub done: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(type = "string | undefined"))]
    pub question_id: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The workshop's parking lot: what came up that the map itself does not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ParkingLot {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(type = "Array<OpenQuestion> | undefined"))]
    pub questions: Vec<OpenQuestion>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(type = "Array<Decision> | undefined"))]
    pub decisions: Vec<Decision>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(type = "Array<Action> | undefined"))]
    pub actions: Vec<Action>,
}

impl ParkingLot {
    pub fn is_empty(&self) -> bool {
        self.questions.is_empty() && self.decisions.is_empty() && self.actions.is_empty()
    }

    /// The open questions with neither an answer nor an action tied to them.
    pub fn unresolved(&self) -> impl Iterator<Item = &OpenQuestion> {
        self.questions.iter().filter(|q| {
            q.answer.trim().is_empty()
                && !self
                    .actions
                    .iter()
                    .any(|a| a.question_id.as_deref() == Some(q.id.as_str()))
        })
    }

    /// Checks ids (non-empty, unique within the lot), non-empty texts and due dates; the error
    /// names the item (`actions[2].due`).
    pub fn check(&self) -> Result<(), (String, String)> {
        let mut seen = std::collections::HashSet::new();
        let items = self
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| ("questions", i, &q.id, &q.text))
            .chain(
                self.decisions
                    .iter()
                    .enumerate()
                    .map(|(i, d)| ("decisions", i, &d.id, &d.text)),
            )
            .chain(
                self.actions
                    .iter()
                    .enumerate()
                    .map(|(i, a)| ("actions", i, &a.id, &a.text)),
            );
        for (list, i, id, text) in items {
            if id.trim().is_empty() {
                return Err((format!("{list}[{i}].id"), "must not be empty".into()));
            }
            if !seen.insert(id.as_str()) {
                return Err((format!("{list}[{i}].id"), format!("duplicate id {id:?}")));
            }
            if text.trim().is_empty() {
                return Err((format!("{list}[{i}].text"), "must not be empty".into()));
            }
        }
        for (i, a) in self.actions.iter().enumerate() {
            if !a.due.is_empty() && !is_date(&a.due) {
                return Err((
                    format!("actions[{i}].due"),
                    format!("{:?} is not a date (YYYY-MM-DD)", a.due),
                ));
            }
        }
        Ok(())
    }
}

/// `YYYY-MM-DD` with a month 1–12 and a day 1–31 (the calendar's finer rules are left to the
/// person typing: a due date is a reminder, not a computation).
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) {
        return false;
    }
    if !digits(5..7) || !digits(8..10) {
        return false;
    }
    let month = (b[5] - b'0') * 10 + (b[6] - b'0');
    let day = (b[8] - b'0') * 10 + (b[9] - b'0');
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_and_dates() {
        let r: VotingRound = serde_json::from_str(r#"{"participants": 6}"#).expect("a round");
        assert_eq!(r.dots_per_person, 3);
        assert_eq!(r.budget(), 18);
        assert!(is_date("2026-12-08"));
        assert!(!is_date("2026-13-08"));
        assert!(!is_date("8 dec"));
    }

    #[test]
    fn a_question_with_an_action_is_resolved() {
        let mut lot = ParkingLot {
            questions: vec![OpenQuestion {
                id: "q1".into(),
                text: "Wie belt de klant terug?".into(),
                answer: String::new(),
            }],
            ..ParkingLot::default()
        };
        assert_eq!(lot.unresolved().count(), 1);
        lot.actions.push(Action {
            id: "a1".into(),
            text: "Uitzoeken".into(),
            owner: "Sanne".into(),
            due: "2026-12-15".into(),
            done: false,
            question_id: Some("q1".into()),
        });
        assert_eq!(lot.unresolved().count(), 0);
        assert!(lot.check().is_ok());
        lot.actions[0].due = "morgen".into();
        assert_eq!(lot.check().expect_err("a bad date").0, "actions[0].due");
    }
}
