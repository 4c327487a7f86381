//! Connected regions of a mask and box sums over an image: the two image operations the
//! marks and the notes are found with, as plain integer loops.

/// One connected region of a mask.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Blob {
    pub area: u32,
    pub x0: u32,
    pub y0: u32,
    pub x1: u32,
    pub y1: u32,
    sx: u64,
    sy: u64,
}

impl Blob {
    pub fn centre(&self) -> [f64; 2] {
        let a = self.area.max(1) as f64;
        [self.sx as f64 / a + 0.5, self.sy as f64 / a + 0.5]
    }
    pub fn bw(&self) -> u32 {
        self.x1 - self.x0 + 1
    }
    pub fn bh(&self) -> u32 {
        self.y1 - self.y0 + 1
    }
    /// The share of its bounding box the region fills.
    pub fn fill(&self) -> f64 {
        self.area as f64 / (self.bw() as f64 * self.bh() as f64)
    }
}

fn find(parent: &mut [u32], mut i: u32) -> u32 {
    while parent[i as usize] != i {
        let p = parent[parent[i as usize] as usize];
        parent[i as usize] = p;
        i = p;
    }
    i
}

/// Labels the 4-connected regions of `mask` (`w × h`): the label of every pixel (0 = not in
/// the mask, else the blob's index + 1) and the blobs.
pub fn label(mask: &[bool], w: usize, h: usize) -> (Vec<u32>, Vec<Blob>) {
    let mut labels = vec![0u32; w * h];
    let mut parent: Vec<u32> = vec![0];
    for y in 0..h {
        let row = y * w;
        for x in 0..w {
            let i = row + x;
            if !mask[i] {
                continue;
            }
            let left = if x > 0 { labels[i - 1] } else { 0 };
            let up = if y > 0 { labels[i - w] } else { 0 };
            labels[i] = match (left, up) {
                (0, 0) => {
                    let n = parent.len() as u32;
                    parent.push(n);
                    n
                }
                (l, 0) => l,
                (0, u) => u,
                (l, u) => {
                    if l != u {
                        let (a, b) = (find(&mut parent, l), find(&mut parent, u));
                        if a != b {
                            parent[a.max(b) as usize] = a.min(b);
                        }
                    }
                    l
                }
            };
        }
    }
    // Resolve to dense blob numbers.
    let mut dense = vec![0u32; parent.len()];
    let mut blobs: Vec<Blob> = Vec::new();
    for l in 1..parent.len() as u32 {
        let r = find(&mut parent, l);
        if r == l {
            blobs.push(Blob {
                area: 0,
                x0: u32::MAX,
                y0: u32::MAX,
                x1: 0,
                y1: 0,
                sx: 0,
                sy: 0,
            });
            dense[l as usize] = blobs.len() as u32;
        } else {
            dense[l as usize] = dense[r as usize];
        }
    }
    for y in 0..h {
        for x in 0..w {
            let i = y * w + x;
            if labels[i] == 0 {
                continue;
            }
            let d = dense[labels[i] as usize];
            labels[i] = d;
            let b = &mut blobs[d as usize - 1];
            b.area += 1;
            let (xu, yu) = (x as u32, y as u32);
            b.x0 = b.x0.min(xu);
            b.y0 = b.y0.min(yu);
            b.x1 = b.x1.max(xu);
            b.y1 = b.y1.max(yu);
            b.sx += x as u64;
            b.sy += y as u64;
        }
    }
    (labels, blobs)
}

/// A summed-area table: any box's sum in four reads.
pub struct Integral {
    w: usize,
    sums: Vec<u64>,
}

impl Integral {
    pub fn new(values: impl Iterator<Item = u32>, w: usize, h: usize) -> Integral {
        let mut sums = vec![0u64; (w + 1) * (h + 1)];
        let mut it = values;
        for y in 0..h {
            let mut row = 0u64;
            for x in 0..w {
                row += it.next().unwrap_or(0) as u64;
                sums[(y + 1) * (w + 1) + x + 1] = sums[y * (w + 1) + x + 1] + row;
            }
        }
        Integral { w, sums }
    }

    /// The sum over `x0..x1 × y0..y1` (exclusive ends).
    pub fn sum(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> u64 {
        let s = self.w + 1;
        self.sums[y1 * s + x1] + self.sums[y0 * s + x0]
            - self.sums[y0 * s + x1]
            - self.sums[y1 * s + x0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_and_box_sums() {
        #[rustfmt::skip]
        let m = [
            1, 1, 0, 1,
            0, 1, 0, 1,
            1, 1, 1, 1,
            0, 0, 0, 0,
            1, 0, 0, 1,
        ].map(|v| v == 1);
        let (labels, blobs) = label(&m, 4, 5);
        assert_eq!(blobs.len(), 3);
        assert_eq!(blobs[0].area, 9);
        assert_eq!((blobs[0].x1, blobs[0].y1), (3, 2));
        assert_eq!(labels[16], 2);
        let ii = Integral::new(m.iter().map(|&b| b as u32), 4, 5);
        assert_eq!(ii.sum(0, 0, 4, 5), 11);
        assert_eq!(ii.sum(1, 0, 2, 3), 3);
    }
}
