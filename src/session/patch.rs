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
#[cfg(test)]
use keys::KeyHasher;
use keys::{item_key, keys_of};

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
    Run(MovedRun),
    Item(Item),
}

/// The old Scene's item at index `from`, every point of it moved by (`dx`, `dy`): added in
/// f32 and rounded to hundredths ([`crate::scene::r2`]), as the layout rounds; the front end
/// computes the same way.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Moved {
    pub from: u32,
    pub dx: Mm,
    pub dy: Mm,
}

/// `n` old items in a row, from index `from` on, each moved by (`dx`, `dy`) as by [`Moved`].
/// A lane that grows a row shifts everything below it by the same offset: on a 5,000-card map
/// that is some 30,000 items, one run instead of 30,000 moves.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MovedRun {
    pub from: u32,
    pub n: u32,
    pub dx: Mm,
    pub dy: Mm,
}

impl ScenePatch {
    /// The patch that turns `old` into `new`.
    pub fn between(old: &Scene, new: &Scene) -> ScenePatch {
        Self::between_until(old, new, Instant::now() + DEADLINE)
    }

    /// [`ScenePatch::between`] with its own deadline: the tests that count what a patch
    /// carries give it all the time it needs, so a loaded machine cannot coarsen the answer.
    pub(crate) fn between_until(old: &Scene, new: &Scene, deadline: Instant) -> ScenePatch {
        // The items' keys, worked out once for the diff and for finding the moves.
        let (ko, kn) = (keys_of(&old.items, item_key), keys_of(&new.items, item_key));
        let items = item_patch(&old.items, &new.items, (&ko, &kn), deadline);
        let regions = splices(&old.regions, &new.regions, deadline);
        ScenePatch {
            width: new.width,
            height: new.height,
            content: new.content,
            scale: new.scale,
            min_text_pt: new.min_text_pt,
            warnings: new.warnings.clone(),
            items,
            regions,
        }
    }

    /// How many list elements the patch carries whole (to judge whether it is worth sending);
    /// four moves count as one item (each is a few bytes where an item is a few hundred).
    pub fn carried(&self) -> usize {
        let items = carried(&self.items);
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
            groups: Vec::new(),
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

/// The items' patch. First the aligned one (see [`aligned_splices`]) with its moves: linear,
/// and on the usual edit (a card moved, a text changed, a card added) it is small, because
/// what shifted between the edit's places goes as moves of a few bytes each. Only when it still
/// carries many whole items is the keyed one (see [`keyed_splices`]) tried too, and the
/// smaller taken; on a 5,000-card map that costs ~6 ms of the edit's time, so it is not spent
/// when the answer cannot get much smaller.
fn item_patch(
    old: &[Item],
    new: &[Item],
    (ko, kn): (&[u64], &[u64]),
    deadline: Instant,
) -> Vec<Splice<ItemPatch>> {
    let aligned = with_moves(old, (ko, kn), aligned_splices(old, new));
    let whole = |s: &[Splice<ItemPatch>]| {
        s.iter()
            .flat_map(|s| &s.insert)
            .filter(|x| matches!(x, ItemPatch::Item(_)))
            .count()
    };
    if whole(&aligned) <= WHOLE_ENOUGH {
        return aligned;
    }
    let keyed = with_moves(old, (ko, kn), keyed_splices_of(old, new, ko, kn, deadline));
    if carried(&keyed) < carried(&aligned) {
        keyed
    } else {
        aligned
    }
}

/// How many whole items an aligned patch may carry before the keyed diff is tried as well.
const WHOLE_ENOUGH: usize = 64;

/// What a list of item splices weighs: four moves count as one item (see
/// [`ScenePatch::carried`]).
fn carried(s: &[Splice<ItemPatch>]) -> usize {
    s.iter()
        .flat_map(|s| &s.insert)
        .map(|x| match x {
            ItemPatch::Moved(_) | ItemPatch::Run(_) => 1,
            ItemPatch::Item(_) => 4,
        })
        .sum()
}

/// The item splices with each inserted item that is an exact translation of the old item with
/// the same key (see [`item_key`]) sent as a [`Moved`]. Exact: the move is only sent when
/// applying it gives the new item bit for bit.
fn with_moves(
    old: &[Item],
    (ko, kn): (&[u64], &[u64]),
    splices: Vec<Splice<Item>>,
) -> Vec<Splice<ItemPatch>> {
    let from: keys::KeyMap<usize> = ko.iter().enumerate().map(|(i, k)| (*k, i)).collect();
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
                insert: in_runs(insert),
            }
        })
        .collect()
}

/// `insert` with each row of moves of consecutive old items by the same offset (bit for bit)
/// as one [`MovedRun`].
fn in_runs(insert: Vec<ItemPatch>) -> Vec<ItemPatch> {
    // A run's next item: the old item after its last, moved by the same offset to the bit.
    let extends = |r: &MovedRun, m: &Moved| {
        r.from.checked_add(r.n) == Some(m.from)
            && r.dx.0.to_bits() == m.dx.0.to_bits()
            && r.dy.0.to_bits() == m.dy.0.to_bits()
    };
    let flush = |run: Option<MovedRun>, out: &mut Vec<ItemPatch>| {
        if let Some(r) = run {
            out.push(match r.n {
                1 => ItemPatch::Moved(Moved {
                    from: r.from,
                    dx: r.dx,
                    dy: r.dy,
                }),
                _ => ItemPatch::Run(r),
            });
        }
    };
    let mut out: Vec<ItemPatch> = Vec::with_capacity(insert.len());
    let mut run: Option<MovedRun> = None;
    for x in insert {
        let ItemPatch::Moved(m) = x else {
            flush(run.take(), &mut out);
            out.push(x);
            continue;
        };
        if let Some(r) = run.as_mut().filter(|r| extends(r, &m)) {
            r.n += 1;
            continue;
        }
        flush(run.take(), &mut out);
        run = Some(MovedRun {
            from: m.from,
            n: 1,
            dx: m.dx,
            dy: m.dy,
        });
    }
    flush(run, &mut out);
    out
}

/// The (dx, dy) that moves `old` onto `new` exactly, if there is one. The layout places
/// each item anew, so in f32 one point's shift may differ from another's in the last bit:
/// the shifts of the first and of the last point are tried.
fn move_between(old: &Item, new: &Item) -> Option<(Mm, Mm)> {
    if std::mem::discriminant(old) != std::mem::discriminant(new) {
        return None;
    }
    use crate::scene::r2;
    [false, true].into_iter().find_map(|last| {
        let (a, b) = (anchor(old, last)?, anchor(new, last)?);
        let (dx, dy) = (b.x.0 - a.x.0, b.y.0 - a.y.0);
        // The shift on a hundredth first: the f32 difference of two places carries their
        // last bits, the rounded one is the same for every item a lane pushed down, so those
        // go as one run.
        [(r2(dx), r2(dy)), (dx, dy)]
            .into_iter()
            .map(|(dx, dy)| (Mm(dx), Mm(dy)))
            .find(|&(dx, dy)| translated(old, dx, dy) == *new)
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

/// `item` with every point moved by (dx, dy) and rounded to hundredths as the layout rounds
/// ([`r2`]); sizes, radii and widths stay. The rounding makes a shift exact where the layout
/// placed the item from a rounded origin (a lane's top, see `Builder::origin` in
/// src/layout/builder.rs), whatever the f32 sum's last bit.
pub fn translated(item: &Item, dx: Mm, dy: Mm) -> Item {
    use crate::layout::{Point, Seg};
    use crate::scene::r2;
    let (dx, dy) = (dx.0, dy.0);
    let p = |p: &Point| Point::new(r2(p.x.0 + dx), r2(p.y.0 + dy));
    let mut out = item.clone();
    match &mut out {
        Item::Rect { rect, .. } | Item::Image { rect, .. } => {
            rect.x.0 = r2(rect.x.0 + dx);
            rect.y.0 = r2(rect.y.0 + dy);
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
                l.x.0 = r2(l.x.0 + dx);
                l.baseline.0 = r2(l.baseline.0 + dy);
            }
        }
    }
    out
}

/// The items of `old` with the splices applied, moves resolved against `old`.
fn spliced_items(old: &[Item], splices: &[Splice<ItemPatch>]) -> Vec<Item> {
    // A move of an item the old list does not have cannot come from `between`; it is left
    // out (and the tests comparing with the new Scene would see it).
    let resolve = |x: &ItemPatch| -> Vec<Item> {
        let moved = |from: u32, n: u32, dx, dy| {
            (from..from.saturating_add(n))
                .filter_map(|i| old.get(i as usize).map(|o| translated(o, dx, dy)))
                .collect()
        };
        match x {
            ItemPatch::Item(item) => vec![item.clone()],
            ItemPatch::Moved(m) => moved(m.from, 1, m.dx, m.dy),
            ItemPatch::Run(r) => moved(r.from, r.n, r.dx, r.dy),
        }
    };
    let whole: Vec<Splice<Item>> = splices
        .iter()
        .map(|s| Splice {
            at: s.at,
            delete: s.delete,
            insert: s.insert.iter().flat_map(resolve).collect(),
        })
        .collect();
    spliced(old, &whole)
}

/// The patch found by lining elements up by what they stand for (`key`; the n-th element with
/// a key pairs with the n-th of the other list) rather than by equality: Myers' algorithm on
/// the keys finds the few elements that came or went (a moved card's note leaves one cell and
/// enters another), cheaply because keys compare as numbers and differ in few places; each
/// pair whose element changed (a note that moved down a little) is replaced where it stands.
/// Exact like the others: every element of `new` is either equal to its pair or carried.
#[cfg(test)]
fn keyed_splices<T: PartialEq + Clone>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T, &mut KeyHasher),
    deadline: Instant,
) -> Vec<Splice<T>> {
    keyed_splices_of(old, new, &keys_of(old, &key), &keys_of(new, &key), deadline)
}

/// [`keyed_splices`] with the keys of both lists worked out already.
fn keyed_splices_of<T: PartialEq + Clone>(
    old: &[T],
    new: &[T],
    ko: &[u64],
    kn: &[u64],
    deadline: Instant,
) -> Vec<Splice<T>> {
    // Keys alike do not mean items alike: compare each pair Myers calls equal.
    let mut hook = SpliceHook {
        old,
        new,
        check_equal: true,
        out: Vec::new(),
    };
    let done = similar::algorithms::myers::diff_deadline(
        &mut hook,
        ko,
        0..ko.len(),
        kn,
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

mod keys;

#[cfg(test)]
#[path = "patch_tests.rs"]
mod tests;
