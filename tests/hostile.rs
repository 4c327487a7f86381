//! Hostile images: every way an image enters a document (`Document::add_image`, which the app's
//! photo picker uses, and the interchange import) checks the decoded header against the limits
//! in `src/media.rs`, and printing leaves out any stored image that fails the same check. The
//! decompression bombs here are real, valid files, made in the test.

use std::io::Read;
use std::time::{Duration, Instant};

use klantreis::interchange::{self, InterchangeError};
use klantreis::media::{self, ImageError};
use klantreis::*;

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.sum().to_be_bytes());
}

/// A valid RGB PNG of `w` × `h` black pixels, compressed as hard as deflate allows: one block
/// of rows is deflated once (with a full flush, so it stands alone) and repeated; the zlib
/// trailer's Adler-32 of `n` zero bytes is `(n mod 65521) << 16 | 1`. Returns the file and the
/// zlib stream.
fn black_png(w: u32, h: u32) -> (Vec<u8>, Vec<u8>) {
    let row = 1 + 3 * w as usize;
    let rows_per_block = 100;
    assert_eq!(h % rows_per_block, 0);
    let raw = vec![0u8; row * rows_per_block as usize];
    let mut c = flate2::Compress::new(flate2::Compression::best(), false);
    let mut block = Vec::new();
    let mut input = &raw[..];
    loop {
        block.reserve(64 * 1024);
        let before = c.total_in();
        c.compress_vec(input, &mut block, flate2::FlushCompress::Full)
            .expect("deflate");
        input = &input[(c.total_in() - before) as usize..];
        if input.is_empty() && block.len() < block.capacity() {
            break;
        }
    }
    let mut zlib = vec![0x78, 0xDA];
    for _ in 0..h / rows_per_block {
        zlib.extend_from_slice(&block);
    }
    // The last block: final, fixed Huffman, empty.
    zlib.extend_from_slice(&[0x03, 0x00]);
    let n = row as u64 * u64::from(h);
    let adler = (((n % 65521) as u32) << 16) | 1;
    zlib.extend_from_slice(&adler.to_be_bytes());

    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB, deflate, no filter, no interlace
    png_chunk(&mut png, b"IHDR", &ihdr);
    png_chunk(&mut png, b"IDAT", &zlib);
    png_chunk(&mut png, b"IEND", &[]);
    (png, zlib)
}

/// A small real JPEG from the `image` crate's encoder.
fn small_jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_fn(16, 8, |x, y| image::Rgb([x as u8 * 16, y as u8 * 32, 99]));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .encode_image(&img)
        .expect("encode jpeg");
    out
}

fn small_png() -> Vec<u8> {
    let img = image::RgbaImage::from_pixel(3, 2, image::Rgba([1, 2, 3, 255]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("encode png");
    out.into_inner()
}

/// The JPEG with its frame header (SOF0) claiming `w` × `h`.
fn jpeg_claiming(w: u16, h: u16) -> Vec<u8> {
    let mut j = small_jpeg();
    let sof = j
        .windows(2)
        .position(|m| m == [0xFF, 0xC0])
        .expect("baseline JPEG has SOF0");
    j[sof + 5..sof + 7].copy_from_slice(&h.to_be_bytes());
    j[sof + 7..sof + 9].copy_from_slice(&w.to_be_bytes());
    j
}

/// Peak resident memory of this process so far, in MB (Linux).
fn peak_rss_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .expect("VmHWM")
        / 1024
}

#[test]
fn a_30000_square_png_bomb_is_refused_at_once_without_decoding() {
    let (png, zlib) = black_png(30_000, 30_000);
    // A few MB that inflate to 2.7 GB of pixels.
    assert!(png.len() < 4 * 1024 * 1024, "{} bytes", png.len());
    // It is a real stream: its start inflates to black rows.
    let mut head = vec![0u8; 4 * 1024 * 1024];
    flate2::read::ZlibDecoder::new(&zlib[..])
        .read_exact(&mut head)
        .expect("inflate the first rows");
    assert!(head.iter().all(|b| *b == 0));

    let start = Instant::now();
    let err = media::check(&png).expect_err("bomb accepted");
    let took = start.elapsed();
    assert_eq!(
        err,
        ImageError::TooManyPixels {
            width: 30_000,
            height: 30_000
        }
    );
    assert!(err.to_string().contains("30000 × 30000"), "{err}");
    assert!(took < Duration::from_secs(1), "took {took:?}");
    assert!(media::decode(&png).is_err());

    let dir = tempfile::tempdir().expect("tempdir");
    let mut doc = Document::create(dir.path().join("bomb.klantreis")).expect("create");
    let err = doc.add_image("image/png", &png).expect_err("stored a bomb");
    assert!(err.to_string().contains("megapixels"), "{err}");
    // The whole test, bomb included, stays far from the 2.7 GB a decode would take.
    assert!(peak_rss_mb() < 512, "peak {} MB", peak_rss_mb());
}

#[test]
fn a_jpeg_whose_header_claims_60000_square_is_refused() {
    let j = jpeg_claiming(60_000, 60_000);
    let start = Instant::now();
    let err = media::check(&j).expect_err("jpeg bomb accepted");
    assert!(start.elapsed() < Duration::from_secs(1));
    assert_eq!(
        err,
        ImageError::TooManyPixels {
            width: 60_000,
            height: 60_000
        }
    );
}

#[test]
fn a_long_thin_image_is_refused_by_its_side() {
    let (png, _) = black_png(40_000, 100);
    assert!(matches!(
        media::check(&png),
        Err(ImageError::TooManyPixels { width: 40_000, .. })
    ));
}

#[test]
fn the_bytes_decide_the_type_not_the_mime_string() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut doc = Document::create(dir.path().join("mime.klantreis")).expect("create");
    // A PNG labelled JPEG is stored as a PNG.
    let png = small_png();
    let id = doc.add_image("image/jpeg", &png).expect("png");
    assert_eq!(
        doc.image(&id).expect("read").expect("stored").mime,
        "image/png"
    );
    let jpeg = small_jpeg();
    let id = doc.add_image("image/png", &jpeg).expect("jpeg");
    assert_eq!(
        doc.image(&id).expect("read").expect("stored").mime,
        "image/jpeg"
    );
    assert_eq!(media::check(&jpeg).expect("jpeg").width, 16);
    assert_eq!(media::decode(&jpeg).expect("decode").height(), 8);

    for (what, bytes) in [
        ("html", b"<script>alert(1)</script>".to_vec()),
        ("svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec()),
        ("gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec()),
        ("png signature only", b"\x89PNG\r\n\x1a\n".to_vec()),
        ("half a png", png[..png.len() / 3].to_vec()),
        ("jpeg start only", jpeg[..20].to_vec()),
        ("empty", Vec::new()),
    ] {
        let err = doc
            .add_image("image/png", &bytes)
            .expect_err(&format!("{what} stored as an image"));
        assert_eq!(err.code(), "invalid_edit", "{what}");
        assert!(
            err.to_string().contains("PNG") || err.to_string().contains("JPEG"),
            "{what}: {err}"
        );
    }
    let stored: i64 = rusqlite::Connection::open(dir.path().join("mime.klantreis"))
        .expect("sqlite")
        .query_row("SELECT count(*) FROM images", [], |r| r.get(0))
        .expect("count");
    assert_eq!(stored, 2, "only the two real images are stored");
}

#[test]
fn more_than_30_mb_is_refused_before_reading_the_header() {
    let mut big = small_png();
    big.resize(media::MAX_IMAGE_BYTES + 1, 0);
    assert_eq!(
        media::check(&big),
        Err(ImageError::TooManyBytes {
            bytes: media::MAX_IMAGE_BYTES + 1
        })
    );
}

fn interchange_with_image(data: &[u8]) -> String {
    use base64::Engine;
    let (mut j, mut p) = templates::sample(Lang::En);
    p.photo = Some("photo".into());
    j.meta.persona_ids = vec![p.id.clone()];
    let file = interchange::InterchangeFile {
        snapshots: vec![],
        format: interchange::FORMAT.into(),
        journey: j,
        personas: vec![p],
        images: vec![interchange::EmbeddedImage {
            id: "photo".into(),
            mime: "image/png".into(),
            data: base64::engine::general_purpose::STANDARD.encode(data),
        }],
    };
    serde_json::to_string(&file).expect("json")
}

#[test]
fn an_interchange_file_with_a_bomb_is_refused_whole_with_the_path() {
    let (png, _) = black_png(30_000, 30_000);
    let text = interchange_with_image(&png);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut doc = Document::create(dir.path().join("import.klantreis")).expect("create");
    let err = interchange::import(&mut doc, &text).expect_err("bomb imported");
    let InterchangeError::Invalid { path, message } = &err else {
        panic!("{err}")
    };
    assert_eq!(path, "$.images[0].data");
    assert!(message.contains("30000 × 30000"), "{message}");
    assert!(doc.workspace().journeys.is_empty(), "nothing imported");
    assert_eq!(doc.history_len().expect("history"), 0);

    // The same file with a real photo imports.
    let ok = interchange_with_image(&small_png());
    interchange::import(&mut doc, &ok).expect("real photo imports");
}

#[test]
fn printing_leaves_out_a_stored_bomb_with_a_warning() {
    // A document from before the check (or written by another program) may hold anything:
    // the PDF and SVG exporters check every image again before anything decodes it.
    let (png, _) = black_png(30_000, 30_000);
    let (j, mut p) = templates::sample(Lang::Nl);
    p.photo = Some("bomb".into());
    let scene = layout::layout(&j, &[p], &layout::LayoutOptions::default());
    assert!(scene
        .items
        .iter()
        .any(|i| matches!(i, layout::Item::Image { .. })));
    let resolve = |_: &str| Some(("image/png".to_string(), png.clone()));
    let meta = export::pdf::PdfMeta {
        title: j.meta.title.clone(),
        lang: Lang::Nl,
        print_shop: None,
    };
    let start = Instant::now();
    let pdf = export::pdf::to_pdf(&scene, &meta, Some(&resolve)).expect("pdf");
    assert!(
        pdf.warnings
            .iter()
            .any(|w| w.contains("cannot be printed") && w.contains("30000 × 30000")),
        "{:?}",
        pdf.warnings
    );
    let svg = export::svg::to_svg(&scene, Some(&resolve));
    assert!(
        !svg.contains("data:image/png"),
        "the bomb went into the SVG"
    );
    assert!(start.elapsed() < Duration::from_secs(60));
    assert!(peak_rss_mb() < 1024, "peak {} MB", peak_rss_mb());
}
