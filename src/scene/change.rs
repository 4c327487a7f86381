//! A Scene's answer to an edit by key (docs/scene.md): the groups that are new or whose own
//! items changed (`upsert`, each without its children, which come by key), the keys that went
//! (`remove`), the groups that only moved (`place`), and the page and fit as they are now.
//! Found by walking the new tree once against a map of the old one: no diff of items. A group
//! counts as unchanged when it draws the same up to float noise ([`super::near`]).
//!
//! Invariant: [`SceneChange::apply`] on the Scene the change was made from gives the new Scene,
//! up to that noise (tested on random edits of random journeys in `tests/scene_change.rs`).

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::near::{noise, Near};
use super::{Group, Item, Key, Mm, Point, Pt, Rect, Region, Scene, Warning};

/// One group as the screen keeps it: its parent, its own items and regions (`children`
/// empty), and its children's keys in paint order when they changed (a cell whose height
/// changed keeps its cards: naming them all again would cost more than the cell).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Node {
    /// `None` for a group at the top of the Scene.
    pub parent: Option<Key>,
    pub group: Group,
    /// Absent: the children the front end holds for this key stay as they are.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub children: Option<Vec<Key>>,
}

/// A group that only moved: its new place relative to its parent.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Placed {
    pub key: Key,
    pub at: Point,
}

/// What changed in a Scene, by key.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SceneChange {
    pub width: Mm,
    pub height: Mm,
    pub content: Rect,
    pub scale: f32,
    pub min_text_pt: Pt,
    pub warnings: Vec<Warning>,
    /// The top-level groups' keys in order, when they changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub roots: Option<Vec<Key>>,
    /// The loose items (page millimetres, drawn before the groups), when they changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub items: Option<Vec<Item>>,
    /// The loose regions, when they changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub regions: Option<Vec<Region>>,
    pub upsert: Vec<Node>,
    pub remove: Vec<Key>,
    pub place: Vec<Placed>,
}

fn keys(gs: &[Group]) -> Vec<Key> {
    gs.iter().map(|g| g.key.clone()).collect()
}

/// `g` without its children.
fn shallow(g: &Group) -> Group {
    Group {
        key: g.key.clone(),
        at: g.at,
        bounds: g.bounds,
        items: g.items.clone(),
        regions: g.regions.clone(),
        children: Vec::new(),
    }
}

/// Every group of `gs` (and below) by key, with its parent's key.
fn index<'a>(
    gs: &'a [Group],
    parent: Option<&'a Key>,
    out: &mut HashMap<&'a Key, (Option<&'a Key>, &'a Group)>,
) {
    for g in gs {
        out.insert(&g.key, (parent, g));
        index(&g.children, Some(&g.key), out);
    }
}

impl SceneChange {
    /// The change from `old` to `new` (both keyed Scenes).
    pub fn between(old: &Scene, new: &Scene) -> SceneChange {
        let mut before = HashMap::new();
        index(&old.groups, None, &mut before);
        let mut p = SceneChange {
            width: new.width,
            height: new.height,
            content: new.content,
            scale: new.scale,
            min_text_pt: new.min_text_pt,
            warnings: new.warnings.clone(),
            roots: None,
            items: (old.items != new.items).then(|| new.items.clone()),
            regions: (old.regions != new.regions).then(|| new.regions.clone()),
            upsert: Vec::new(),
            remove: Vec::new(),
            place: Vec::new(),
        };
        let mut seen = HashSet::new();
        p.walk(&new.groups, None, &before, &mut seen, noise(new));
        let roots = keys(&new.groups);
        if roots != keys(&old.groups) {
            p.roots = Some(roots);
        }
        let mut gone: Vec<Key> = before
            .keys()
            .filter(|k| !seen.contains(**k))
            .map(|k| (*k).clone())
            .collect();
        gone.sort();
        p.remove = gone;
        p
    }

    fn walk<'a>(
        &mut self,
        gs: &'a [Group],
        parent: Option<&'a Key>,
        before: &HashMap<&Key, (Option<&Key>, &Group)>,
        seen: &mut HashSet<&'a Key>,
        tol: f32,
    ) {
        for g in gs {
            seen.insert(&g.key);
            let old = before.get(&g.key);
            let same_children = old.is_some_and(|(_, og)| {
                og.children.len() == g.children.len()
                    && og
                        .children
                        .iter()
                        .zip(&g.children)
                        .all(|(a, b)| a.key == b.key)
            });
            let same = same_children
                && old.is_some_and(|(op, og)| {
                    *op == parent
                        && og.items.near(&g.items, tol)
                        && og.regions.near(&g.regions, tol)
                        && og.bounds.near(&g.bounds, tol)
                });
            if !same {
                self.upsert.push(Node {
                    parent: parent.cloned(),
                    group: shallow(g),
                    children: (!same_children).then(|| keys(&g.children)),
                });
            } else if old.is_some_and(|(_, og)| !og.at.near(&g.at, tol)) {
                self.place.push(Placed {
                    key: g.key.clone(),
                    at: g.at,
                });
            }
            self.walk(&g.children, Some(&g.key), before, seen, tol);
        }
    }

    /// How many groups the change carries whole.
    pub fn carried(&self) -> usize {
        self.upsert.len()
    }

    /// `old` with the change applied; what a front end does (this one is for the tests).
    pub fn apply(&self, old: &Scene) -> Scene {
        let mut nodes: HashMap<Key, Node> = HashMap::new();
        fn flat(gs: &[Group], parent: Option<&Key>, nodes: &mut HashMap<Key, Node>) {
            for g in gs {
                nodes.insert(
                    g.key.clone(),
                    Node {
                        parent: parent.cloned(),
                        group: shallow(g),
                        children: Some(keys(&g.children)),
                    },
                );
                flat(&g.children, Some(&g.key), nodes);
            }
        }
        flat(&old.groups, None, &mut nodes);
        for k in &self.remove {
            nodes.remove(k);
        }
        for n in &self.upsert {
            let mut n = n.clone();
            if n.children.is_none() {
                n.children = nodes.get(&n.group.key).and_then(|o| o.children.clone());
            }
            nodes.insert(n.group.key.clone(), n);
        }
        for pl in &self.place {
            if let Some(n) = nodes.get_mut(&pl.key) {
                n.group.at = pl.at;
            }
        }
        fn build(k: &Key, nodes: &HashMap<Key, Node>) -> Option<Group> {
            let n = nodes.get(k)?;
            let mut g = n.group.clone();
            g.children = n
                .children
                .iter()
                .flatten()
                .filter_map(|c| build(c, nodes))
                .collect();
            Some(g)
        }
        let roots = self.roots.clone().unwrap_or_else(|| keys(&old.groups));
        Scene {
            width: self.width,
            height: self.height,
            content: self.content,
            scale: self.scale,
            items: self.items.clone().unwrap_or_else(|| old.items.clone()),
            regions: self.regions.clone().unwrap_or_else(|| old.regions.clone()),
            groups: roots.iter().filter_map(|k| build(k, &nodes)).collect(),
            min_text_pt: self.min_text_pt,
            warnings: self.warnings.clone(),
        }
    }
}
