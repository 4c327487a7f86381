//! The one rule for control characters in text that enters a document, whatever the door
//! (Mermaid, CSV, JSON import, an edit from the app or `klantreis apply`, a change from a
//! shared journey's peer). Text pasted from Word, Excel or a web page often carries stray
//! control characters and lone carriage returns; stored as they are, the same words would
//! compare unequal, export differently than they were read, and read back as another name.
//!
//! The rule (also in `docs/interchange.md`):
//! - a line break is `\n`: a CR LF pair and a lone CR become `\n`;
//! - every other C0 control character (U+0000 … U+001F) except the tab is removed;
//! - in a single-line field (a name, a title, a lane's hint) a line break becomes a space.
//!
//! It never refuses text: cleaning cannot fail, so no import or merge is refused for it. It is
//! idempotent (`clean(clean(s)) == clean(s)`), so applying it again at another door changes
//! nothing. The store applies it to every record a commit writes ([`Persona::clean_text`] and
//! the like, called on each change), so what is stored is what exports and compares equal; an
//! import that matches names against the document (phases, lanes, personas) cleans the names
//! it reads first, with the same functions.

use std::borrow::Cow;

use super::{Card, Journey, JourneyMeta, Lane, Persona, Phase, Review};

/// Whether `c` is removed or changed by the rule in a multi-line text.
fn is_dirty(c: char) -> bool {
    c < ' ' && c != '\t' && c != '\n'
}

/// A multi-line text (a card's text, a description, review answers) by the rule: CR LF and a
/// lone CR become `\n`; other C0 controls but the tab are removed.
pub fn multi_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_dirty) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            c if is_dirty(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A single-line text (a name, a title) by the rule: as [`multi_line`], and each line break
/// becomes a space.
pub fn single_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_dirty(c) || c == '\n') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(multi_line(s).replace('\n', " "))
}

/// Cleans `s` in place with `rule`, allocating only when something changes.
fn fix(s: &mut String, rule: fn(&str) -> Cow<'_, str>) {
    if let Cow::Owned(o) = rule(s) {
        *s = o;
    }
}

fn fix_opt(s: &mut Option<String>, rule: fn(&str) -> Cow<'_, str>) {
    if let Some(s) = s {
        fix(s, rule);
    }
}

impl Review {
    pub fn clean_text(&mut self) {
        for s in [
            &mut self.surprises,
            &mut self.missing,
            &mut self.improve,
            &mut self.competitors,
        ] {
            fix(s, multi_line);
        }
    }
}

impl Persona {
    /// The rule on every text of the persona: the name, segment, customer type and each goal
    /// and frustration are single lines; the description may have line breaks. Ids are not
    /// text and stay as they are.
    pub fn clean_text(&mut self) {
        fix(&mut self.name, single_line);
        fix(&mut self.segment, single_line);
        fix(&mut self.customer_type, single_line);
        fix(&mut self.description, multi_line);
        for g in self.goals.iter_mut().chain(self.frustrations.iter_mut()) {
            fix(g, single_line);
        }
    }
}

impl JourneyMeta {
    /// The title, the scope's ends, a competitor's name and link labels are single lines; the
    /// goal, the next steps and the review answers may have line breaks.
    pub fn clean_text(&mut self) {
        fix(&mut self.title, single_line);
        fix(&mut self.goal, multi_line);
        fix(&mut self.scope.start, single_line);
        fix(&mut self.scope.end, single_line);
        fix(&mut self.next_steps, multi_line);
        if let super::Owner::Competitor { name } = &mut self.owner {
            fix(name, single_line);
        }
        for l in &mut self.links {
            fix(&mut l.label, single_line);
        }
        self.review.clean_text();
    }
}

impl Phase {
    /// The name, duration and throughput are single lines; the review answers may have breaks.
    pub fn clean_text(&mut self) {
        fix(&mut self.name, single_line);
        fix_opt(&mut self.duration, single_line);
        if let Some(d) = &mut self.data {
            fix_opt(&mut d.throughput, single_line);
        }
        self.review.clean_text();
    }
}

impl Lane {
    /// The title and the hint are single lines.
    pub fn clean_text(&mut self) {
        fix(&mut self.title, single_line);
        fix(&mut self.hint, single_line);
    }
}

impl Card {
    /// The text and the evidence notes may have line breaks (a sticky note holds lines).
    pub fn clean_text(&mut self) {
        fix(&mut self.text, multi_line);
        for e in &mut self.evidence {
            fix(&mut e.note, multi_line);
        }
    }
}

impl Journey {
    /// The rule on the journey's own fields and every phase, lane and card.
    pub fn clean_text(&mut self) {
        self.meta.clean_text();
        self.phases.iter_mut().for_each(Phase::clean_text);
        self.lanes.iter_mut().for_each(Lane::clean_text);
        self.cards.iter_mut().for_each(Card::clean_text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_become_one_kind_and_controls_go() {
        assert_eq!(multi_line("a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert_eq!(multi_line("a\0b\u{6}c\td\u{1f}"), "abc\td");
        assert_eq!(multi_line("\r\r\n\n"), "\n\n\n");
        assert_eq!(single_line("Me\0\u{6}o\r\r work\ttab"), "Meo   work\ttab");
        assert_eq!(single_line("a\r\nb"), "a b");
        // Not C0: DEL, C1 and the rest of Unicode are text.
        assert_eq!(multi_line("\u{7f}\u{85}é∶"), "\u{7f}\u{85}é∶");
    }

    #[test]
    fn clean_text_borrows_when_nothing_changes() {
        assert!(matches!(
            multi_line("two\nlines\tand a tab"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(single_line("one line"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_rule_is_idempotent() {
        for s in ["a\r\r\nb", "\0\r", "x\n\ry", "\r\n\r\n", "\t\u{b}\u{c}"] {
            assert_eq!(multi_line(&multi_line(s)), multi_line(s));
            assert_eq!(single_line(&single_line(s)), single_line(s));
            assert_eq!(single_line(&multi_line(s)), single_line(s));
        }
    }
}
