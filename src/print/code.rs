//! The text of the QR code on a blank canvas sheet: which journey, which printed version, how
//! it was printed (paper, orientation, kit legend, tiling) and, for a tile, which sheet — all a
//! scan needs to lay the printed canvas out again and know every cell's place on the paper.
//!
//! The text is short on purpose, so the code stays at QR version 2–3 and its modules stay
//! large enough to read from a phone photo of a whole A0 sheet (`docs/scan.md`):
//!
//! ```text
//! KR1 <id> <version> <paper><L|P>[K] [<tile sheet>/<overlap mm> <col>,<row>/<cols>x<rows>]
//! KR1 DE43wPTqOeaY 12 A0L
//! KR1 DE43wPTqOeaY 12 A0LK A4/10 2,1/5x5
//! ```
//!
//! `<id>` is the journey id without its usual `journey_` prefix; an id without that prefix is
//! written whole after a `=`.

use serde::{Deserialize, Serialize};

use super::PrintRequest;
use crate::layout::{Orientation, Paper};
use crate::scene::Mm;

/// What the small code printed on a canvas sheet says: whose canvas it is and which layout it
/// shows, so a photo is read against the layout that was printed, not today's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SheetCode {
    pub journey_id: String,
    /// The journey's version when the canvas was printed.
    pub layout_version: u64,
    /// For a tiled print: this sheet's column and row (from 0) and the grid's size; `None` for a
    /// canvas on one sheet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<SheetPlace>,
}

/// Where a tiled sheet sits in the poster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SheetPlace {
    pub col: u32,
    pub row: u32,
    pub cols: u32,
    pub rows: u32,
}

const MAGIC: &str = "KR1";
const PREFIX: &str = "journey_";

/// Everything the code on a sheet says.
#[derive(Debug, Clone, PartialEq)]
pub struct CanvasCode {
    pub sheet: SheetCode,
    pub paper: Paper,
    pub orientation: Orientation,
    /// The print kit's canvas (a legend in each lane label).
    pub kit: bool,
    /// For a tiled print: the sheet paper and the overlap in whole millimetres.
    pub tile: Option<(Paper, u32)>,
}

impl CanvasCode {
    /// The code for a blank canvas printed as `req` at journey `journey_id`'s `version`
    /// (`sheet` for a tile).
    pub fn for_print(
        journey_id: &str,
        version: u64,
        req: &PrintRequest,
        sheet: Option<SheetPlace>,
    ) -> CanvasCode {
        CanvasCode {
            sheet: SheetCode {
                journey_id: journey_id.to_string(),
                layout_version: version,
                sheet,
            },
            paper: req.paper,
            orientation: req.orientation,
            kit: req.kit,
            tile: req
                .tile
                .map(|t| (t, req.overlap_mm.round().clamp(0.0, 50.0) as u32)),
        }
    }

    /// The print request that lays this canvas out again (the layout is a pure function of the
    /// journey and the request, so the cells come out where they were printed).
    pub fn request(&self) -> PrintRequest {
        PrintRequest {
            paper: self.paper,
            orientation: self.orientation,
            blank: true,
            kit: self.kit,
            tile: self.tile.map(|t| t.0),
            overlap_mm: self.tile.map(|t| t.1 as f32).unwrap_or(10.0),
            ..Default::default()
        }
    }

    /// The tiling options the sheets were cut with (`None` on one sheet).
    pub fn tile_options(&self) -> Option<crate::export::tile::TileOptions> {
        self.tile
            .map(|(sheet, overlap)| crate::export::tile::TileOptions {
                sheet,
                overlap: Mm(overlap as f32),
                ..Default::default()
            })
    }

    pub fn encode(&self) -> String {
        let id = &self.sheet.journey_id;
        let id = match id.strip_prefix(PREFIX) {
            Some(rest) if !rest.is_empty() && !rest.starts_with('=') => rest.to_string(),
            _ => format!("={id}"),
        };
        let o = match self.orientation {
            Orientation::Landscape => 'L',
            Orientation::Portrait => 'P',
        };
        let mut s = format!(
            "{MAGIC} {id} {} {}{o}{}",
            self.sheet.layout_version,
            self.paper.name(),
            if self.kit { "K" } else { "" }
        );
        if let (Some((t, overlap)), Some(p)) = (self.tile, self.sheet.sheet) {
            s.push_str(&format!(
                " {}/{overlap} {},{}/{}x{}",
                t.name(),
                p.col,
                p.row,
                p.cols,
                p.rows
            ));
        }
        s
    }

    /// Reads a code's text; `None` when it is not a Klantreis canvas code.
    pub fn parse(text: &str) -> Option<CanvasCode> {
        let mut parts = text.split_whitespace();
        if parts.next()? != MAGIC {
            return None;
        }
        let id = parts.next()?;
        let journey_id = match id.strip_prefix('=') {
            Some(whole) => whole.to_string(),
            None => format!("{PREFIX}{id}"),
        };
        let layout_version: u64 = parts.next()?.parse().ok()?;
        let print = parts.next()?;
        let kit = print.ends_with('K');
        let print = print.strip_suffix('K').unwrap_or(print);
        let (paper, o) = print.split_at(print.len().checked_sub(1)?);
        let orientation = match o {
            "L" => Orientation::Landscape,
            "P" => Orientation::Portrait,
            _ => return None,
        };
        let paper = Paper::parse(paper)?;
        let (tile, sheet) = match (parts.next(), parts.next()) {
            (Some(t), Some(place)) => {
                let (sheet, overlap) = t.split_once('/')?;
                let (cr, size) = place.split_once('/')?;
                let (col, row) = cr.split_once(',')?;
                let (cols, rows) = size.split_once('x')?;
                let place = SheetPlace {
                    col: col.parse().ok()?,
                    row: row.parse().ok()?,
                    cols: cols.parse().ok()?,
                    rows: rows.parse().ok()?,
                };
                if place.col >= place.cols || place.row >= place.rows {
                    return None;
                }
                (
                    Some((Paper::parse(sheet)?, overlap.parse().ok()?)),
                    Some(place),
                )
            }
            (None, None) => (None, None),
            _ => return None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(CanvasCode {
            sheet: SheetCode {
                journey_id,
                layout_version,
                sheet,
            },
            paper,
            orientation,
            kit,
            tile,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_as_written_and_stay_short() {
        let one = CanvasCode::for_print("journey_DE43wPTqOeaY", 12, &PrintRequest::default(), None);
        assert_eq!(one.encode(), "KR1 DE43wPTqOeaY 12 A0L");
        assert_eq!(CanvasCode::parse(&one.encode()), Some(one));
        let req = PrintRequest {
            tile: Some(Paper::A4),
            kit: true,
            blank: true,
            ..Default::default()
        };
        let place = SheetPlace {
            col: 2,
            row: 1,
            cols: 5,
            rows: 5,
        };
        let tiled = CanvasCode::for_print("odd id", 3, &req, Some(place));
        assert_eq!(tiled.encode(), "KR1 =odd id 3 A0LK A4/10 2,1/5x5");
        // An id with a space cannot round-trip; real ids have none, and the reader refuses it.
        assert_eq!(CanvasCode::parse(&tiled.encode()), None);
        let tiled = CanvasCode::for_print("j_1", 3, &req, Some(place));
        assert_eq!(CanvasCode::parse(&tiled.encode()), Some(tiled.clone()));
        assert_eq!(tiled.request().tile, Some(Paper::A4));
        for bad in [
            "",
            "KR1",
            "KR2 a 1 A0L",
            "KR1 a x A0L",
            "KR1 a 1 A9L",
            "KR1 a 1 A0L A4/10",
        ] {
            assert_eq!(CanvasCode::parse(bad), None, "{bad}");
        }
    }
}
