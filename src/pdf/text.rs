//! Reading the text of a laid-out document back, line by line: what the
//! tests compare with the published reports, and what a reader would see.

use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;

/// The text of every page, in page order, a line per row of text as laid out.
pub fn page_texts(doc: &PagedDocument) -> Vec<String> {
    doc.pages()
        .iter()
        .map(|page| {
            let mut items: Vec<(f64, f64, String)> = Vec::new();
            collect_text(&page.frame, 0.0, 0.0, &mut items);
            lines(items)
        })
        .collect()
}

fn collect_text(frame: &Frame, dx: f64, dy: f64, out: &mut Vec<(f64, f64, String)>) {
    for (pos, item) in frame.items() {
        let (x, y) = (dx + pos.x.to_pt(), dy + pos.y.to_pt());
        match item {
            FrameItem::Group(group) => {
                let t = group.transform;
                let (gx, gy) = (x + t.tx.to_pt(), y + t.ty.to_pt());
                collect_text(&group.frame, gx, gy, out);
            }
            FrameItem::Text(text) => out.push((y, x, text.text.to_string())),
            _ => {}
        }
    }
}

/// Groups text runs into lines by their baseline (within 2 pt), left to right.
fn lines(mut items: Vec<(f64, f64, String)>) -> String {
    items.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut out: Vec<Vec<(f64, String)>> = Vec::new();
    let mut baseline = f64::NEG_INFINITY;
    for (y, x, text) in items {
        if y - baseline > 2.0 || out.is_empty() {
            out.push(Vec::new());
            baseline = y;
        }
        out.last_mut().expect("a line was pushed").push((x, text));
    }
    out.into_iter()
        .map(|mut line| {
            line.sort_by(|a, b| a.0.total_cmp(&b.0));
            line.into_iter()
                .map(|(_, t)| t)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}
