//! The difference between two Scenes of one journey, as splices of their item and region
//! lists: what a front end holding the old Scene needs to build the new one. An edit of one
//! card's text changes a handful of the ~20,000 items of a 5,000-card map; sending those
//! instead of the whole Scene is most of the cost of an edit saved.
//!
//! Invariant: `patch.apply(old) == new` for any two Scenes (tested); the diff never costs
//! more than [`DEADLINE`] (Myers' algorithm gives a coarser but still exact answer then).

use std::time::{Duration, Instant};

use serde::Serialize;

use super::JourneyDetail;
use crate::layout::{Item, Mm, Pt, Rect, Region, Scene, Warning};
use crate::model::{Card, JourneyMeta, Lane, Persona, Phase};

/// The most time spent looking for a small diff.
const DEADLINE: Duration = Duration::from_millis(8);

/// Replace `delete` elements of the old list, starting at its index `at`, with `insert`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Splice<T> {
    pub at: u32,
    pub delete: u32,
    pub insert: Vec<T>,
}

/// A Scene as a patch of the one before: the small fields whole, the lists as splices in
/// ascending order of `at`, none overlapping.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScenePatch {
    pub width: Mm,
    pub height: Mm,
    pub content: Rect,
    pub scale: f32,
    pub min_text_pt: Pt,
    pub warnings: Vec<Warning>,
    pub items: Vec<Splice<ItemPatch>>,
    pub regions: Vec<Splice<Region>>,
}

/// One element of the items' splices: an item sent whole, or one of the old Scene's items
/// moved by (`dx`, `dy`). A card moved on a big map reflows its cells and may grow its lane:
/// hundreds of notes below it only shift down, and three numbers say that for each of them
/// instead of its text, colours and lines.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum ItemPatch {
    Moved(Moved),
    Item(Item),
}

/// The old Scene's item at index `from`, every point of it moved by (`dx`, `dy`) (in f32, as
/// the core adds; the front end rounds the same way).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Moved {
    pub from: u32,
    pub dx: Mm,
    pub dy: Mm,
}

impl ScenePatch {
    /// The patch that turns `old` into `new`.
    pub fn between(old: &Scene, new: &Scene) -> ScenePatch {
        let deadline = Instant::now() + DEADLINE;
        ScenePatch {
            width: new.width,
            height: new.height,
            content: new.content,
            scale: new.scale,
            min_text_pt: new.min_text_pt,
            warnings: new.warnings.clone(),
            items: with_moves(
                &old.items,
                &new.items,
                item_splices(&old.items, &new.items, deadline),
            ),
            regions: splices(&old.regions, &new.regions, deadline),
        }
    }

    /// How many list elements the patch carries whole (to judge whether it is worth sending);
    /// four moves count as one item (each is a few bytes where an item is a few hundred).
    pub fn carried(&self) -> usize {
        let items: usize = self
            .items
            .iter()
            .flat_map(|s| &s.insert)
            .map(|x| match x {
                ItemPatch::Moved(_) => 1,
                ItemPatch::Item(_) => 4,
            })
            .sum();
        let regions: usize = self.regions.iter().map(|s| s.insert.len()).sum();
        items.div_ceil(4) + regions
    }

    /// `old` with the patch applied; what a front end does (this one is for the tests).
    pub fn apply(&self, old: &Scene) -> Scene {
        Scene {
            width: self.width,
            height: self.height,
            content: self.content,
            scale: self.scale,
            items: spliced_items(&old.items, &self.items),
            regions: spliced(&old.regions, &self.regions),
            min_text_pt: self.min_text_pt,
            warnings: self.warnings.clone(),
        }
    }
}

/// A journey's detail as a patch of the one sent before: its cards as splices, the rest whole.
/// The cards are the thousands; a journey's phases, lanes and personas are dozens, and sending
/// them whole keeps this simple. Without it, a text edit on a 5,000-card map sent 1 MB of
/// cards the front end already held.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DetailPatch {
    pub meta: JourneyMeta,
    pub phases: Vec<Phase>,
    pub lanes: Vec<Lane>,
    pub cards: Vec<Splice<Card>>,
    pub personas: Vec<Persona>,
    pub others: Vec<Persona>,
}

impl DetailPatch {
    /// The patch that turns `old` into `new`.
    pub fn between(old: &JourneyDetail, new: &JourneyDetail) -> DetailPatch {
        let deadline = Instant::now() + DEADLINE;
        DetailPatch {
            meta: new.journey.meta.clone(),
            phases: new.journey.phases.clone(),
            lanes: new.journey.lanes.clone(),
            cards: splices(&old.journey.cards, &new.journey.cards, deadline),
            personas: new.personas.clone(),
            others: new.others.clone(),
        }
    }

    /// How many cards the patch carries (to judge whether it is worth sending).
    pub fn carried(&self) -> usize {
        self.cards.iter().map(|s| s.insert.len()).sum()
    }

    /// `old` with the patch applied; what a front end does (this one is for the tests).
    pub fn apply(&self, old: &JourneyDetail) -> JourneyDetail {
        JourneyDetail {
            journey: crate::model::Journey {
                meta: self.meta.clone(),
                phases: self.phases.clone(),
                lanes: self.lanes.clone(),
                cards: spliced(&old.journey.cards, &self.cards),
            },
            personas: self.personas.clone(),
            others: self.others.clone(),
        }
    }
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The smaller of two exact answers: Myers' (best when items were reordered), and the
/// aligned one (see [`aligned_splices`]). A card moved to another cell of a big map reflows
/// both cells and may add a point to the emotion band above them: a thousand items change in
/// place, every later one shifts by a few places, and Myers runs out of time on that long
/// before it finds the small answer.
fn splices<T: PartialEq + Clone>(old: &[T], new: &[T], deadline: Instant) -> Vec<Splice<T>> {
    let myers = myers_splices(old, new, deadline);
    let aligned = aligned_splices(old, new);
    let carried = |s: &[Splice<T>]| s.iter().map(|s| s.insert.len()).sum::<usize>();
    if carried(&aligned) < carried(&myers) {
        aligned
    } else {
        myers
    }
}

/// The items' patch: the smaller of the keyed one (see [`keyed_splices`]) and the aligned one.
/// Plain Myers on whole items is left out: on a moved card it ran to its deadline (8 ms of a
/// 50 ms budget) and lost to one of these two anyway.
fn item_splices(old: &[Item], new: &[Item], deadline: Instant) -> Vec<Splice<Item>> {
    let keyed = keyed_splices(old, new, item_key, deadline);
    let aligned = aligned_splices(old, new);
    let carried = |s: &[Splice<Item>]| s.iter().map(|s| s.insert.len()).sum::<usize>();
    if carried(&aligned) < carried(&keyed) {
        aligned
    } else {
        keyed
    }
}

/// The item splices with each inserted item that is an exact translation of the old item with
/// the same key (see [`item_key`]) sent as a [`Moved`]. Exact: the move is only sent when
/// applying it gives the new item bit for bit.
fn with_moves(old: &[Item], new: &[Item], splices: Vec<Splice<Item>>) -> Vec<Splice<ItemPatch>> {
    use std::collections::HashMap;
    let (ko, kn) = (keys_of(old, item_key), keys_of(new, item_key));
    let from: HashMap<u64, usize> = ko.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    // Where the next inserted element lands in the new list: the old elements before `at`
    // that were kept, plus what was inserted before.
    let (mut deleted, mut inserted) = (0usize, 0usize);
    splices
        .into_iter()
        .map(|s| {
            let first = s.at as usize - deleted + inserted;
            deleted += s.delete as usize;
            inserted += s.insert.len();
            let insert = s
                .insert
                .into_iter()
                .enumerate()
                .map(|(k, item)| {
                    let moved = kn
                        .get(first + k)
                        .and_then(|key| from.get(key))
                        .and_then(|&o| move_between(&old[o], &item).map(|(dx, dy)| (o, dx, dy)));
                    match moved {
                        Some((o, dx, dy)) => ItemPatch::Moved(Moved {
                            from: u32_of(o),
                            dx,
                            dy,
                        }),
                        None => ItemPatch::Item(item),
                    }
                })
                .collect();
            Splice {
                at: s.at,
                delete: s.delete,
                insert,
            }
        })
        .collect()
}

/// The (dx, dy) that moves `old` onto `new` exactly, if there is one. The layout places
/// each item anew, so in f32 one point's shift may differ from another's in the last bit:
/// the shifts of the first and of the last point are tried.
fn move_between(old: &Item, new: &Item) -> Option<(Mm, Mm)> {
    if std::mem::discriminant(old) != std::mem::discriminant(new) {
        return None;
    }
    [false, true].into_iter().find_map(|last| {
        let (a, b) = (anchor(old, last)?, anchor(new, last)?);
        let (dx, dy) = (Mm(b.x.0 - a.x.0), Mm(b.y.0 - a.y.0));
        (translated(old, dx, dy) == *new).then_some((dx, dy))
    })
}

/// A point of the item that a move carries along (its first, or its `last`).
fn anchor(item: &Item, last: bool) -> Option<crate::layout::Point> {
    use crate::layout::{Point, Seg};
    let pick = |mut it: Box<dyn DoubleEndedIterator<Item = Point> + '_>| {
        if last {
            it.next_back()
        } else {
            it.next()
        }
    };
    match item {
        Item::Rect { rect, .. } | Item::Image { rect, .. } => Some(Point::new(rect.x.0, rect.y.0)),
        Item::Circle { centre, .. } => Some(*centre),
        Item::Path { segs, .. } => pick(Box::new(segs.iter().filter_map(|s| match s {
            Seg::Move { to } | Seg::Line { to } | Seg::Cubic { to, .. } => Some(*to),
            Seg::Close => None,
        }))),
        Item::Text { lines, .. } => pick(Box::new(
            lines.iter().map(|l| Point::new(l.x.0, l.baseline.0)),
        )),
    }
}

/// `item` with every point moved by (dx, dy); sizes, radii and widths stay.
pub fn translated(item: &Item, dx: Mm, dy: Mm) -> Item {
    use crate::layout::{Point, Seg};
    let (dx, dy) = (dx.0, dy.0);
    let p = |p: &Point| Point::new(p.x.0 + dx, p.y.0 + dy);
    let mut out = item.clone();
    match &mut out {
        Item::Rect { rect, .. } | Item::Image { rect, .. } => {
            rect.x.0 += dx;
            rect.y.0 += dy;
        }
        Item::Circle { centre, .. } => *centre = p(centre),
        Item::Path { segs, .. } => {
            for s in segs {
                match s {
                    Seg::Move { to } | Seg::Line { to } => *to = p(to),
                    Seg::Cubic { c1, c2, to } => {
                        *c1 = p(c1);
                        *c2 = p(c2);
                        *to = p(to);
                    }
                    Seg::Close => {}
                }
            }
        }
        Item::Text { lines, .. } => {
            for l in lines {
                l.x.0 += dx;
                l.baseline.0 += dy;
            }
        }
    }
    out
}

/// The items of `old` with the splices applied, moves resolved against `old`.
fn spliced_items(old: &[Item], splices: &[Splice<ItemPatch>]) -> Vec<Item> {
    // A move of an item the old list does not have cannot come from `between`; it is left
    // out (and the tests comparing with the new Scene would see it).
    let resolve = |x: &ItemPatch| match x {
        ItemPatch::Item(item) => Some(item.clone()),
        ItemPatch::Moved(m) => old.get(m.from as usize).map(|o| translated(o, m.dx, m.dy)),
    };
    let whole: Vec<Splice<Item>> = splices
        .iter()
        .map(|s| Splice {
            at: s.at,
            delete: s.delete,
            insert: s.insert.iter().filter_map(resolve).collect(),
        })
        .collect();
    spliced(old, &whole)
}

/// Each element's key (see [`keyed_splices`]): its own, numbered among its like.
fn keys_of<T>(
    list: &[T],
    key: impl Fn(&T, &mut std::collections::hash_map::DefaultHasher),
) -> Vec<u64> {
    use std::collections::HashMap;
    use std::hash::{Hash, Hasher};
    let mut seen: HashMap<u64, u32> = HashMap::with_capacity(list.len());
    list.iter()
        .map(|x| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            key(x, &mut h);
            let k = h.finish();
            let n = seen.entry(k).or_insert(0);
            *n += 1;
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (k, *n).hash(&mut h);
            h.finish()
        })
        .collect()
}

/// What an item stands for, to line up the old Scene's items with the new one's: the record
/// it draws and its kind of shape. Items without a record (rules, labels) are told apart by
/// their kind and their place among their like (see [`keyed_splices`]).
fn item_key(item: &Item, h: &mut std::collections::hash_map::DefaultHasher) {
    use std::hash::Hash;
    std::mem::discriminant(item).hash(h);
    if let Some(t) = item.target() {
        std::mem::discriminant(&t.kind).hash(h);
        t.id.hash(h);
    }
}

/// The patch found by lining elements up by what they stand for (`key`; the n-th element with
/// a key pairs with the n-th of the other list) rather than by equality: Myers' algorithm on
/// the keys finds the few elements that came or went (a moved card's note leaves one cell and
/// enters another), cheaply because keys compare as numbers and differ in few places; each
/// pair whose element changed (a note that moved down a little) is replaced where it stands.
/// Exact like the others: every element of `new` is either equal to its pair or carried.
fn keyed_splices<T: PartialEq + Clone>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T, &mut std::collections::hash_map::DefaultHasher),
    deadline: Instant,
) -> Vec<Splice<T>> {
    let (ko, kn) = (keys_of(old, &key), keys_of(new, &key));

    // Keys alike do not mean items alike: compare each pair Myers calls equal.
    let mut hook = SpliceHook {
        old,
        new,
        check_equal: true,
        out: Vec::new(),
    };
    let done = similar::algorithms::myers::diff_deadline(
        &mut hook,
        &ko,
        0..ko.len(),
        &kn,
        0..kn.len(),
        Some(deadline),
    );
    match done {
        Ok(()) => hook.out,
        Err(never) => match never {},
    }
}

/// The patch that keeps every element in place, except that at one point (`split`) the
/// lists' difference in length is inserted or deleted, so what follows it lines up again;
/// elements that differ where they line up are replaced. The split is the one that replaces
/// fewest. Linear: two passes of comparisons.
fn aligned_splices<T: PartialEq + Clone>(old: &[T], new: &[T]) -> Vec<Splice<T>> {
    let (n, m) = (old.len(), new.len());
    // Inserted (m > n) or deleted (n > m) at the split.
    let extra = n.abs_diff(m);
    let splits = n.min(m);
    // head[s]: positions before s that differ, old[i] against new[i].
    let mut head = Vec::with_capacity(splits + 1);
    head.push(0usize);
    for i in 0..splits {
        let last = head[i];
        head.push(last + usize::from(old[i] != new[i]));
    }
    // tail[s]: positions from s on that differ, lined up after the split.
    let after = |s: usize| -> (usize, usize) {
        if m >= n {
            (s, s + extra)
        } else {
            (s + extra, s)
        }
    };
    let mut tail = vec![0usize; splits + 1];
    for s in (0..splits).rev() {
        let (o, w) = after(s);
        tail[s] = tail[s + 1] + usize::from(old[o] != new[w]);
    }
    let split = (0..=splits).min_by_key(|&s| head[s] + tail[s]).unwrap_or(0);

    let mut out: Vec<Splice<T>> = Vec::new();
    let replace = |out: &mut Vec<Splice<T>>, at: usize, delete: usize, insert: &[T]| {
        let at = u32_of(at);
        match out.last_mut() {
            Some(s) if s.at + s.delete == at => {
                s.delete += u32_of(delete);
                s.insert.extend_from_slice(insert);
            }
            _ => out.push(Splice {
                at,
                delete: u32_of(delete),
                insert: insert.to_vec(),
            }),
        }
    };
    for i in 0..split {
        if old[i] != new[i] {
            replace(&mut out, i, 1, std::slice::from_ref(&new[i]));
        }
    }
    if m >= n {
        if extra > 0 {
            replace(&mut out, split, 0, &new[split..split + extra]);
        }
    } else {
        replace(&mut out, split, extra, &[]);
    }
    for s in split..splits {
        let (o, w) = after(s);
        if old[o] != new[w] {
            replace(&mut out, o, 1, std::slice::from_ref(&new[w]));
        }
    }
    out
}

fn myers_splices<T: PartialEq + Clone>(old: &[T], new: &[T], deadline: Instant) -> Vec<Splice<T>> {
    let mut hook = SpliceHook {
        old,
        new,
        check_equal: false,
        out: Vec::new(),
    };
    let done = similar::algorithms::myers::diff_deadline(
        &mut hook,
        old,
        0..old.len(),
        new,
        0..new.len(),
        Some(deadline),
    );
    match done {
        Ok(()) => hook.out,
        Err(never) => match never {},
    }
}

/// Turns the edit script of a diff into splices, ascending and apart: adjacent changes make
/// one splice. `check_equal`: a run the diff calls equal may still differ element by element
/// (the keyed diff compares keys), so each such pair is compared and replaced where it
/// differs.
struct SpliceHook<'a, T> {
    old: &'a [T],
    new: &'a [T],
    check_equal: bool,
    out: Vec<Splice<T>>,
}

impl<T: PartialEq + Clone> SpliceHook<'_, T> {
    /// The splice that reaches `old_index` (adjacent changes make one), or a new one.
    /// An insertion may name the start of the range just deleted (Myers does after its
    /// deadline): within one splice that is the same place as its end.
    fn at(&mut self, old_index: usize) -> &mut Splice<T> {
        let at = u32_of(old_index);
        let joins = self
            .out
            .last()
            .is_some_and(|s| s.at <= at && at <= s.at + s.delete);
        if !joins {
            self.out.push(Splice {
                at,
                delete: 0,
                insert: Vec::new(),
            });
        }
        let last = self.out.len() - 1;
        &mut self.out[last]
    }
}

impl<T: PartialEq + Clone> similar::algorithms::DiffHook for SpliceHook<'_, T> {
    type Error = std::convert::Infallible;
    fn equal(&mut self, old_index: usize, new_index: usize, len: usize) -> Result<(), Self::Error> {
        if !self.check_equal {
            return Ok(());
        }
        for k in 0..len {
            let (o, w) = (old_index + k, new_index + k);
            if self.old[o] != self.new[w] {
                let item = self.new[w].clone();
                let s = self.at(o);
                s.delete = u32_of(o + 1) - s.at;
                s.insert.push(item);
            }
        }
        Ok(())
    }
    fn delete(&mut self, old_index: usize, old_len: usize, _: usize) -> Result<(), Self::Error> {
        let s = self.at(old_index);
        // Deletions come in order, each starting where the last ended.
        s.delete = u32_of(old_index + old_len) - s.at;
        Ok(())
    }
    fn insert(
        &mut self,
        old_index: usize,
        new_index: usize,
        new_len: usize,
    ) -> Result<(), Self::Error> {
        let items = &self.new[new_index..new_index + new_len];
        let s = self.at(old_index);
        s.insert.extend_from_slice(items);
        Ok(())
    }
}

fn spliced<T: Clone>(old: &[T], splices: &[Splice<T>]) -> Vec<T> {
    let mut out = Vec::with_capacity(old.len());
    let mut pos = 0usize;
    for s in splices {
        let at = (s.at as usize).min(old.len());
        out.extend_from_slice(&old[pos.min(at)..at]);
        out.extend(s.insert.iter().cloned());
        pos = at + s.delete as usize;
    }
    out.extend_from_slice(&old[pos.min(old.len())..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(old: &[u32], new: &[u32]) -> Vec<Splice<u32>> {
        let s = splices(old, new, Instant::now() + DEADLINE);
        assert_eq!(spliced(old, &s), new, "{old:?} → {new:?} by {s:?}");
        for w in s.windows(2) {
            assert!(w[0].at + w[0].delete < w[1].at, "ascending, apart: {s:?}");
        }
        s
    }

    #[test]
    fn splices_rebuild_the_new_list_and_carry_only_what_changed() {
        let old: Vec<u32> = (0..1000).collect();
        let mut new = old.clone();
        new[10] = 5000;
        new.remove(500);
        new.insert(800, 7000);
        let s = check(&old, &new);
        let carried: usize = s.iter().map(|s| s.insert.len()).sum();
        assert_eq!(carried, 2, "one replaced, one inserted: {s:?}");
        check(&[], &[1, 2, 3]);
        check(&[1, 2, 3], &[]);
        check(&[1, 2, 3], &[1, 2, 3]);
        check(&[1, 2, 3, 4], &[4, 3, 2, 1]);
    }

    #[test]
    fn a_deadline_gives_a_coarser_patch_that_is_still_exact() {
        let old: Vec<u32> = (0..4000).map(|i| i * 7 % 1013).collect();
        let new: Vec<u32> = (0..4000).map(|i| i * 11 % 1009).collect();
        let s = splices(&old, &new, Instant::now());
        assert_eq!(spliced(&old, &s), new);
    }

    #[test]
    fn lists_that_changed_in_place_carry_only_the_changed_positions() {
        // A reflow: many scattered positions change, none are inserted. Without time, Myers
        // alone would send nearly everything.
        let old: Vec<u32> = (0..20_000).collect();
        let mut new = old.clone();
        for i in (5_000..6_000).step_by(3) {
            new[i] += 100_000;
        }
        let s = splices(&old, &new, Instant::now());
        assert_eq!(spliced(&old, &s), new);
        let carried: usize = s.iter().map(|s| s.insert.len()).sum();
        assert_eq!(carried, 334, "the changed positions only");

        // The same, with four elements added near the start (a band that grew): everything
        // after them shifts by four.
        let mut grown = new.clone();
        for k in 0..4 {
            grown.insert(30 + k, 900_000 + k as u32);
        }
        let s = splices(&old, &grown, Instant::now());
        assert_eq!(spliced(&old, &s), grown);
        let carried: usize = s.iter().map(|s| s.insert.len()).sum();
        assert_eq!(carried, 338, "the four added and the changed positions");
        let s = splices(&grown, &old, Instant::now());
        assert_eq!(spliced(&grown, &s), old);
        let carried: usize = s.iter().map(|s| s.insert.len()).sum();
        assert_eq!(carried, 334, "the four deleted carry nothing");
    }

    fn keyed(old: &[(u8, u8)], new: &[(u8, u8)], deadline: Instant) -> Vec<Splice<(u8, u8)>> {
        // The first of the pair is the key, the second what may change under it.
        keyed_splices(old, new, |x, h| std::hash::Hash::hash(&x.0, h), deadline)
    }

    #[test]
    fn keyed_patches_carry_what_moved_and_what_changed_only() {
        // A note (key 1000) leaves its place near the start and enters near the end; the
        // elements between change in place every third one (a reflow).
        let old: Vec<(u16, u8)> = (0..3000u16).map(|i| (i, 0)).collect();
        let mut new = old.clone();
        let moved = new.remove(10);
        new.insert(2500, moved);
        for x in new.iter_mut().skip(100).take(300).step_by(3) {
            x.1 = 1;
        }
        let s = keyed_splices(
            &old,
            &new,
            |x, h| std::hash::Hash::hash(&x.0, h),
            Instant::now() + DEADLINE,
        );
        assert_eq!(spliced(&old, &s), new);
        let carried: usize = s.iter().map(|s| s.insert.len()).sum();
        assert_eq!(
            carried, 101,
            "the moved one and the hundred changed: {carried}"
        );
    }

    fn scene_of(items: Vec<Item>) -> Scene {
        Scene {
            width: Mm(1189.0),
            height: Mm(841.0),
            content: Rect::new(10.0, 10.0, 1169.0, 821.0),
            scale: 1.0,
            items,
            regions: Vec::new(),
            min_text_pt: Pt(8.0),
            warnings: Vec::new(),
        }
    }

    /// A card's note and text, one of each kind of item, as the layout draws them.
    fn card_items(id: &str, x: f32, y: f32) -> Vec<Item> {
        use crate::layout::{Point, RecordKind, RecordRef, Seg, Stroke, TextLine, TextRole};
        let target = Some(RecordRef {
            kind: RecordKind::Card,
            id: id.to_string(),
        });
        vec![
            Item::Rect {
                rect: Rect::new(x, y, 30.0, 20.0),
                radius: Mm(1.0),
                fill: Some("#fff3b0".into()),
                stroke: None,
                target: target.clone(),
            },
            Item::Text {
                lines: vec![
                    TextLine {
                        text: format!("{id} first line"),
                        x: Mm(x + 1.75),
                        baseline: Mm(y + 4.25),
                        width: Mm(20.3),
                    },
                    TextLine {
                        text: "second".into(),
                        x: Mm(x + 1.75),
                        baseline: Mm(y + 8.5),
                        width: Mm(9.1),
                    },
                ],
                size: Mm(3.1),
                size_pt: Pt(8.8),
                bold: false,
                colour: "#222".into(),
                role: TextRole::Card,
                target: target.clone(),
            },
            Item::Circle {
                centre: Point::new(x + 27.25, y + 2.75),
                r: Mm(1.1),
                fill: Some("#0a0".into()),
                stroke: None,
                target: target.clone(),
            },
            Item::Path {
                segs: vec![
                    Seg::Move {
                        to: Point::new(x, y + 21.0),
                    },
                    Seg::Cubic {
                        c1: Point::new(x + 3.25, y + 22.25),
                        c2: Point::new(x + 6.75, y + 22.75),
                        to: Point::new(x + 10.0, y + 21.0),
                    },
                    Seg::Close,
                ],
                fill: None,
                stroke: Some(Stroke {
                    colour: "#333".into(),
                    width: Mm(0.3),
                    dash: Vec::new(),
                }),
                target,
            },
        ]
    }

    fn moves(p: &ScenePatch) -> usize {
        p.items
            .iter()
            .flat_map(|s| &s.insert)
            .filter(|x| matches!(x, ItemPatch::Moved(_)))
            .count()
    }

    #[test]
    fn items_that_only_moved_are_sent_as_moves_and_apply_exactly() {
        // A card moved from the top of a column to another: the notes below it shift up by
        // a row, the moved one lands elsewhere with the same look. Everything that shifted
        // travels as a move; one card's text changed and goes whole. (Places in quarter mm,
        // which f32 adds exactly; the layout's own are tried by the session's tests.)
        let cards: Vec<(String, f32, f32)> = (0..40)
            .map(|i| {
                (
                    format!("c{i}"),
                    10.25 + (i % 4) as f32 * 40.75,
                    20.5 + (i / 4) as f32 * 23.25,
                )
            })
            .collect();
        let old = scene_of(
            cards
                .iter()
                .flat_map(|(id, x, y)| card_items(id, *x, *y))
                .collect(),
        );
        let new_cards: Vec<(String, f32, f32)> = cards
            .iter()
            .filter(|(id, ..)| id != "c0")
            .map(|(id, x, y)| {
                let shifted = *x < 20.0;
                (id.clone(), *x, if shifted { *y - 23.25 } else { *y })
            })
            .chain([("c0".to_string(), 132.5, 262.75)])
            .collect();
        let mut items: Vec<Item> = new_cards
            .iter()
            .flat_map(|(id, x, y)| card_items(id, *x, *y))
            .collect();
        if let Some(Item::Text { lines, .. }) = items.get_mut(5) {
            lines[0].text = "changed".into();
        }
        let new = scene_of(items);
        let p = ScenePatch::between(&old, &new);
        assert_eq!(p.apply(&old), new, "exact");
        // c4, c8, … c36 shifted (9 cards × 4 items) and c0 moved (4 items); one text changed.
        let whole: usize = p
            .items
            .iter()
            .flat_map(|s| &s.insert)
            .filter(|x| matches!(x, ItemPatch::Item(_)))
            .count();
        assert_eq!(whole, 1, "only the changed text goes whole: {p:?}");
        assert!(moves(&p) >= 36, "the shifted ones are moves: {}", moves(&p));
    }

    #[test]
    fn a_move_that_f32_cannot_redo_exactly_goes_whole() {
        let old = scene_of(card_items("a", 0.1, 0.2));
        // Near 1e8 an f32 steps by 8: the dx that takes the first line there takes the second
        // to 1e8 too, not to 1e8 + 64, so the item is sent as it is.
        let mut new = old.clone();
        if let Some(Item::Text { lines, .. }) = new.items.get_mut(1) {
            lines[0].x = Mm(1.0e8);
            lines[1].x = Mm(1.0e8 + 64.0);
        }
        let p = ScenePatch::between(&old, &new);
        assert_eq!(p.apply(&old), new);
        assert_eq!(moves(&p), 0);
    }

    proptest::proptest! {
        #[test]
        fn scene_patches_with_moves_are_exact(
            cards in proptest::collection::vec((0u8..12, -300i32..300, -300i32..300), 0..30),
            changes in proptest::collection::vec((0u8..12, 0u8..4, -400i32..400, -400i32..400), 0..30),
        ) {
            // Old: cards by id at places; new: some moved by arbitrary amounts, some gone,
            // some new, some text changed, in an order of their own.
            let at = |v: i32| v as f32 * 0.37;
            let old = scene_of(cards.iter().flat_map(|(id, x, y)| card_items(&format!("c{id}"), at(*x), at(*y))).collect());
            let mut new_cards: Vec<(u8, f32, f32, bool)> =
                cards.iter().map(|(id, x, y)| (*id, at(*x), at(*y), false)).collect();
            for (id, what, dx, dy) in &changes {
                match what {
                    0 => new_cards.retain(|c| c.0 != *id),
                    1 => new_cards.push((*id, at(*dx), at(*dy), false)),
                    2 => new_cards.iter_mut().filter(|c| c.0 == *id).for_each(|c| { c.1 += at(*dx) / 7.0; c.2 += at(*dy) / 3.0; }),
                    _ => new_cards.iter_mut().filter(|c| c.0 == *id).for_each(|c| c.3 = true),
                }
            }
            let new = scene_of(new_cards.iter().flat_map(|(id, x, y, changed)| {
                let mut items = card_items(&format!("c{id}"), *x, *y);
                if *changed {
                    if let Some(Item::Text { colour, .. }) = items.get_mut(1) { *colour = "#f00".into(); }
                }
                items
            }).collect());
            let p = ScenePatch::between(&old, &new);
            for w in p.items.windows(2) {
                proptest::prop_assert!(w[0].at + w[0].delete < w[1].at, "ascending, apart");
            }
            proptest::prop_assert_eq!(p.apply(&old), new);
        }
    }

    proptest::proptest! {
        #[test]
        fn keyed_patches_are_exact(
            old in proptest::collection::vec((0u8..5, 0u8..3), 0..120),
            new in proptest::collection::vec((0u8..5, 0u8..3), 0..120),
            hurry in proptest::bool::ANY,
        ) {
            let deadline = if hurry { Instant::now() } else { Instant::now() + DEADLINE };
            let s = keyed(&old, &new, deadline);
            for w in s.windows(2) {
                proptest::prop_assert!(w[0].at + w[0].delete < w[1].at, "ascending, apart");
            }
            proptest::prop_assert_eq!(spliced(&old, &s), new);
        }

        #[test]
        fn any_two_lists_patch_exactly(
            old in proptest::collection::vec(0u8..6, 0..120),
            new in proptest::collection::vec(0u8..6, 0..120),
            hurry in proptest::bool::ANY,
        ) {
            // Without time (a deadline already passed) the patch is coarser, never wrong.
            let deadline = if hurry { Instant::now() } else { Instant::now() + DEADLINE };
            let s = splices(&old, &new, deadline);
            proptest::prop_assert_eq!(spliced(&old, &s), new.clone());
            let s = aligned_splices(&old, &new);
            for w in s.windows(2) {
                proptest::prop_assert!(w[0].at + w[0].delete < w[1].at, "ascending, apart");
            }
            proptest::prop_assert_eq!(spliced(&old, &s), new);
        }
    }
}
