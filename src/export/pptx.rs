//! The blank workshop canvas as a PowerPoint fill-in file (`.pptx`), for clients who work in
//! PowerPoint: one widescreen slide (13.33 × 7.5 in) with the journey's title, a dark header
//! shape per phase, a label shape per lane (title, its note colour as a small square, the
//! guiding question) and an empty cell per phase × lane holding the lane's hint faintly. Every
//! shape and text box is an ordinary editable PowerPoint shape, so a team can type into it or
//! move things about.
//!
//! Written as OOXML by hand (PresentationML, ECMA-376): the package holds only the parts a
//! reader needs (content types, relationships, presentation, one master, one blank layout, a
//! theme, the slide, document properties), zipped by [`super::zip`]. Sizes are EMU (36,000 per
//! millimetre). The grid is laid out here rather than taken from the paper Scene, because a
//! slide is a different shape (16:9) and PowerPoint wraps its own text.

use crate::model::{Journey, Lang};
use crate::scene::palette::card_colours;

use super::zip::ZipWriter;

/// EMU per millimetre.
const MM: f64 = 36_000.0;
/// Slide size: 13.333 × 7.5 in (PowerPoint's "Widescreen").
pub const SLIDE_W: i64 = 12_192_000;
pub const SLIDE_H: i64 = 6_858_000;

const INK: &str = "1F2933";
const INK_SOFT: &str = "52606D";
const HINT: &str = "9AA5B1";
const HEADER: &str = "2D3A4A";
const LABEL_BG: &str = "E4E8EE";
const BAND_A: &str = "F7F8FA";
const BAND_B: &str = "EEF1F5";
const RULE: &str = "CBD2D9";

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow are left out.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn emu(mm: f64) -> i64 {
    (mm * MM).round() as i64
}

/// One run of text in a paragraph.
struct Run<'a> {
    text: &'a str,
    pt: f64,
    bold: bool,
    colour: &'a str,
}

/// What a shape looks like.
struct Shape<'a> {
    name: String,
    /// x, y, w, h in mm.
    at: (f64, f64, f64, f64),
    geometry: &'a str,
    fill: Option<&'a str>,
    line: Option<&'a str>,
    /// Paragraphs of runs; empty for a shape without text.
    paras: Vec<Vec<Run<'a>>>,
    /// A text box (no fill, `txBox`) rather than a shape.
    text_box: bool,
    anchor: &'a str,
}

struct Slide {
    xml: String,
    next_id: u32,
    lang: &'static str,
}

impl Slide {
    fn add(&mut self, s: Shape<'_>) {
        let id = self.next_id;
        self.next_id += 1;
        let (x, y, w, h) = s.at;
        let tx = if s.text_box { " txBox=\"1\"" } else { "" };
        let fill = match s.fill {
            Some(c) => format!("<a:solidFill><a:srgbClr val=\"{c}\"/></a:solidFill>"),
            None => "<a:noFill/>".into(),
        };
        let line = match s.line {
            Some(c) => {
                format!(
                    "<a:ln w=\"6350\"><a:solidFill><a:srgbClr val=\"{c}\"/></a:solidFill></a:ln>"
                )
            }
            None => "<a:ln><a:noFill/></a:ln>".into(),
        };
        let mut paras = String::new();
        for p in &s.paras {
            paras.push_str("<a:p>");
            for r in p {
                paras.push_str(&format!(
                    "<a:r><a:rPr lang=\"{}\" sz=\"{}\" b=\"{}\" dirty=\"0\"><a:solidFill><a:srgbClr val=\"{}\"/></a:solidFill><a:latin typeface=\"Noto Sans\"/></a:rPr><a:t>{}</a:t></a:r>",
                    self.lang,
                    (r.pt * 100.0).round() as i64,
                    u8::from(r.bold),
                    r.colour,
                    esc(r.text)
                ));
            }
            paras.push_str("</a:p>");
        }
        if paras.is_empty() {
            paras.push_str("<a:p><a:endParaRPr lang=\"nl-NL\" dirty=\"0\"/></a:p>");
        }
        self.xml.push_str(&format!(
            "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{}\"/><p:cNvSpPr{tx}/><p:nvPr/></p:nvSpPr>\
             <p:spPr><a:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{}\"/></a:xfrm>\
             <a:prstGeom prst=\"{}\"><a:avLst/></a:prstGeom>{fill}{line}</p:spPr>\
             <p:txBody><a:bodyPr wrap=\"square\" lIns=\"72000\" tIns=\"54000\" rIns=\"72000\" bIns=\"54000\" anchor=\"{}\"><a:normAutofit/></a:bodyPr><a:lstStyle/>{paras}</p:txBody></p:sp>",
            esc(&s.name),
            emu(x),
            emu(y),
            emu(w),
            emu(h),
            s.geometry,
            s.anchor,
        ));
    }
}

/// The slide's shapes for the blank canvas of `j`.
fn slide_xml(j: &Journey) -> String {
    let nl = j.meta.language == Lang::Nl;
    let mut s = Slide {
        xml: String::new(),
        next_id: 2,
        lang: if nl { "nl-NL" } else { "en-GB" },
    };
    let (sw, sh) = (SLIDE_W as f64 / MM, SLIDE_H as f64 / MM);
    let m = 7.0;
    let title_h = 13.0;
    let head_h = 10.0;
    let label_w = 46.0;
    let gap = 1.0;
    s.add(Shape {
        name: "Title".into(),
        at: (m, m - 2.0, sw - 2.0 * m, title_h),
        geometry: "rect",
        fill: None,
        line: None,
        paras: vec![vec![Run {
            text: &j.meta.title,
            pt: 20.0,
            bold: true,
            colour: INK,
        }]],
        text_box: true,
        anchor: "t",
    });
    let grid_x = m + label_w + gap;
    let grid_w = sw - m - grid_x;
    let n_ph = j.phases.len().max(1) as f64;
    let col_w = grid_w / n_ph;
    let top = m + title_h;
    for (i, p) in j.phases.iter().enumerate() {
        let label = format!("{} {}", i + 1, p.name);
        s.add(Shape {
            name: format!("Phase {}", i + 1),
            at: (
                grid_x + i as f64 * col_w + gap / 2.0,
                top,
                col_w - gap,
                head_h,
            ),
            geometry: "roundRect",
            fill: Some(HEADER),
            line: None,
            paras: vec![vec![Run {
                text: &label,
                pt: 12.0,
                bold: true,
                colour: "FFFFFF",
            }]],
            text_box: false,
            anchor: "ctr",
        });
    }
    let lanes_top = top + head_h + gap;
    let foot = 5.0;
    let n_ln = j.lanes.len().max(1) as f64;
    let lane_h = (sh - m - foot - lanes_top) / n_ln;
    for (li, lane) in j.lanes.iter().enumerate() {
        let y = lanes_top + li as f64 * lane_h;
        let band = if li % 2 == 0 { BAND_A } else { BAND_B };
        let mut paras = vec![vec![Run {
            text: &lane.title,
            pt: 11.0,
            bold: true,
            colour: INK,
        }]];
        if !lane.hint.is_empty() {
            paras.push(vec![Run {
                text: &lane.hint,
                pt: 8.0,
                bold: false,
                colour: INK_SOFT,
            }]);
        }
        s.add(Shape {
            name: format!("Lane {}", li + 1),
            at: (m, y + gap / 2.0, label_w, lane_h - gap),
            geometry: "roundRect",
            fill: Some(LABEL_BG),
            line: None,
            paras,
            text_box: false,
            anchor: "t",
        });
        // The note colour to use in this lane, as a small sticky note in the label's bottom
        // right corner (clear of the title and the question).
        let (note, border) = card_colours(lane.kind.default_colour());
        s.add(Shape {
            name: format!("Lane {} note colour", li + 1),
            at: (m + label_w - 7.0, y + lane_h - gap / 2.0 - 7.0, 5.0, 5.0),
            geometry: "rect",
            fill: Some(note.trim_start_matches('#')),
            line: Some(border.trim_start_matches('#')),
            paras: vec![],
            text_box: false,
            anchor: "t",
        });
        for pi in 0..j.phases.len() {
            s.add(Shape {
                name: format!("Cell {} × {}", pi + 1, li + 1),
                at: (
                    grid_x + pi as f64 * col_w + gap / 2.0,
                    y + gap / 2.0,
                    col_w - gap,
                    lane_h - gap,
                ),
                geometry: "rect",
                fill: Some(band),
                line: Some(RULE),
                paras: if lane.hint.is_empty() {
                    vec![]
                } else {
                    vec![vec![Run {
                        text: &lane.hint,
                        pt: 9.0,
                        bold: false,
                        colour: HINT,
                    }]]
                },
                text_box: false,
                anchor: "t",
            });
        }
    }
    let stamp = format!(
        "Klantreis · {} · {} {}",
        j.meta.title,
        if nl { "versie" } else { "version" },
        j.meta.version
    );
    s.add(Shape {
        name: "Footer".into(),
        at: (m, sh - m - foot + 1.0, sw - 2.0 * m, foot),
        geometry: "rect",
        fill: None,
        line: None,
        paras: vec![vec![Run {
            text: &stamp,
            pt: 7.0,
            bold: false,
            colour: INK_SOFT,
        }]],
        text_box: true,
        anchor: "t",
    });
    format!(
        "{HEAD}<p:sld {NS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>\
         <p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>\
         {}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>",
        s.xml
    )
}

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const NS: &str = "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
                  xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
                  xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

fn rels(items: &[(&str, &str, &str)]) -> String {
    let mut out = format!("{HEAD}<Relationships xmlns=\"{PKG_REL}\">");
    for (id, kind, target) in items {
        out.push_str(&format!(
            "<Relationship Id=\"{id}\" Type=\"{kind}\" Target=\"{target}\"/>"
        ));
    }
    out.push_str("</Relationships>");
    out
}

fn content_types() -> String {
    let pml = "application/vnd.openxmlformats-officedocument.presentationml";
    format!(
        "{HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/ppt/presentation.xml\" ContentType=\"{pml}.presentation.main+xml\"/>\
         <Override PartName=\"/ppt/slideMasters/slideMaster1.xml\" ContentType=\"{pml}.slideMaster+xml\"/>\
         <Override PartName=\"/ppt/slideLayouts/slideLayout1.xml\" ContentType=\"{pml}.slideLayout+xml\"/>\
         <Override PartName=\"/ppt/slides/slide1.xml\" ContentType=\"{pml}.slide+xml\"/>\
         <Override PartName=\"/ppt/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>\
         <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         <Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
         </Types>"
    )
}

const EMPTY_TREE: &str = "<p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>\
     <p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr></p:spTree>";

fn master() -> String {
    format!(
        "{HEAD}<p:sldMaster {NS}><p:cSld><p:bg><p:bgRef idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef></p:bg>{EMPTY_TREE}</p:cSld>\
         <p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>\
         <p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/></p:sldLayoutIdLst>\
         <p:txStyles><p:titleStyle/><p:bodyStyle/><p:otherStyle/></p:txStyles></p:sldMaster>"
    )
}

fn layout_part() -> String {
    format!(
        "{HEAD}<p:sldLayout {NS} type=\"blank\" preserve=\"1\"><p:cSld name=\"Blank\">{EMPTY_TREE}</p:cSld>\
         <p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )
}

fn theme() -> String {
    let clr = |name: &str, v: &str| format!("<a:{name}><a:srgbClr val=\"{v}\"/></a:{name}>");
    let colours = [
        ("dk1", INK),
        ("lt1", "FFFFFF"),
        ("dk2", HEADER),
        ("lt2", BAND_B),
        ("accent1", "2F9E6B"),
        ("accent2", "D64550"),
        ("accent3", "F0A020"),
        ("accent4", "7FB0E0"),
        ("accent5", "A892DC"),
        ("accent6", "8A96A3"),
        ("hlink", "2D6CB5"),
        ("folHlink", "7A5BA8"),
    ]
    .iter()
    .map(|(n, v)| clr(n, v))
    .collect::<String>();
    let solid = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";
    let line = |w: u32| {
        format!("<a:ln w=\"{w}\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>")
    };
    format!(
        "{HEAD}<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Klantreis\"><a:themeElements>\
         <a:clrScheme name=\"Klantreis\">{colours}</a:clrScheme>\
         <a:fontScheme name=\"Klantreis\"><a:majorFont><a:latin typeface=\"Noto Sans\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:majorFont>\
         <a:minorFont><a:latin typeface=\"Noto Sans\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:minorFont></a:fontScheme>\
         <a:fmtScheme name=\"Klantreis\"><a:fillStyleLst>{solid}{solid}{solid}</a:fillStyleLst>\
         <a:lnStyleLst>{}{}{}</a:lnStyleLst>\
         <a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>\
         <a:bgFillStyleLst>{solid}{solid}{solid}</a:bgFillStyleLst></a:fmtScheme>\
         </a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>",
        line(6350),
        line(12700),
        line(19050)
    )
}

fn presentation() -> String {
    format!(
        "{HEAD}<p:presentation {NS} saveSubsetFonts=\"1\">\
         <p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst>\
         <p:sldIdLst><p:sldId id=\"256\" r:id=\"rId2\"/></p:sldIdLst>\
         <p:sldSz cx=\"{SLIDE_W}\" cy=\"{SLIDE_H}\"/><p:notesSz cx=\"6858000\" cy=\"9144000\"/>\
         <p:defaultTextStyle/></p:presentation>"
    )
}

fn core_props(j: &Journey) -> String {
    format!(
        "{HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:creator>Klantreis</dc:creator>\
         <dc:language>{}</dc:language></cp:coreProperties>",
        esc(&j.meta.title),
        j.meta.language.code()
    )
}

fn app_props() -> String {
    format!(
        "{HEAD}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
         <Application>Klantreis</Application><Slides>1</Slides></Properties>"
    )
}

/// The blank canvas of `j` as a `.pptx` file (see the module docs).
pub fn to_pptx(j: &Journey) -> std::io::Result<Vec<u8>> {
    let mut z = ZipWriter::new();
    z.add("[Content_Types].xml", content_types().as_bytes())?;
    z.add(
        "_rels/.rels",
        rels(&[
            ("rId1", &format!("{REL}/officeDocument"), "ppt/presentation.xml"),
            (
                "rId2",
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                "docProps/core.xml",
            ),
            ("rId3", &format!("{REL}/extended-properties"), "docProps/app.xml"),
        ])
        .as_bytes(),
    )?;
    z.add("docProps/core.xml", core_props(j).as_bytes())?;
    z.add("docProps/app.xml", app_props().as_bytes())?;
    z.add("ppt/presentation.xml", presentation().as_bytes())?;
    z.add(
        "ppt/_rels/presentation.xml.rels",
        rels(&[
            (
                "rId1",
                &format!("{REL}/slideMaster"),
                "slideMasters/slideMaster1.xml",
            ),
            ("rId2", &format!("{REL}/slide"), "slides/slide1.xml"),
            ("rId3", &format!("{REL}/theme"), "theme/theme1.xml"),
        ])
        .as_bytes(),
    )?;
    z.add("ppt/slideMasters/slideMaster1.xml", master().as_bytes())?;
    z.add(
        "ppt/slideMasters/_rels/slideMaster1.xml.rels",
        rels(&[
            (
                "rId1",
                &format!("{REL}/slideLayout"),
                "../slideLayouts/slideLayout1.xml",
            ),
            ("rId2", &format!("{REL}/theme"), "../theme/theme1.xml"),
        ])
        .as_bytes(),
    )?;
    z.add(
        "ppt/slideLayouts/slideLayout1.xml",
        layout_part().as_bytes(),
    )?;
    z.add(
        "ppt/slideLayouts/_rels/slideLayout1.xml.rels",
        rels(&[(
            "rId1",
            &format!("{REL}/slideMaster"),
            "../slideMasters/slideMaster1.xml",
        )])
        .as_bytes(),
    )?;
    z.add("ppt/theme/theme1.xml", theme().as_bytes())?;
    z.add("ppt/slides/slide1.xml", slide_xml(j).as_bytes())?;
    z.add(
        "ppt/slides/_rels/slide1.xml.rels",
        rels(&[(
            "rId1",
            &format!("{REL}/slideLayout"),
            "../slideLayouts/slideLayout1.xml",
        )])
        .as_bytes(),
    )?;
    z.finish()
}
