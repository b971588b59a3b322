//! Typos: the edit distance between two words, given up as soon as it exceeds what is allowed.

/// How many edits a word of this length may carry and still be recognised: none below five
/// letters (too many short words are one letter apart), one up to seven, two from eight.
pub fn allowed_edits(length: usize) -> usize {
    match length {
        0..=4 => 0,
        5..=7 => 1,
        _ => 2,
    }
}

/// The edit distance between `a` and `b` (insertions, deletions, substitutions, and two
/// neighbouring letters swapped, each one edit) if it is at most `max`, else `None`.
pub fn within(a: &str, b: &str, max: usize) -> Option<usize> {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    // Three rows of the table: the one before the previous is what a swap looks back to.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 0..a.len() {
        current[0] = i + 1;
        let mut best = current[0];
        for j in 0..b.len() {
            let mut d = (previous[j] + usize::from(a[i] != b[j])).min(previous[j + 1] + 1).min(current[j] + 1);
            if i > 0 && j > 0 && a[i] == b[j - 1] && a[i - 1] == b[j] {
                d = d.min(before[j - 1] + 1);
            }
            current[j + 1] = d;
            best = best.min(d);
        }
        if best > max {
            return None;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    Some(previous[b.len()]).filter(|d| *d <= max)
}

/// Whether two words differ only by doubled letters ("modeling", "modelling"): how spellings
/// of one word differ, where other small differences make another word.
pub fn same_but_doubled_letters(a: &str, b: &str) -> bool {
    let squeezed = |w: &str| {
        let mut out: Vec<char> = w.chars().collect();
        out.dedup();
        out
    };
    squeezed(a) == squeezed(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn distances() {
        assert_eq!(within("anesthesia", "anesthesia", 2), Some(0));
        assert_eq!(within("anestesia", "anesthesia", 2), Some(1));
        assert_eq!(within("pediatrcs", "pediatrics", 1), Some(1));
        assert_eq!(within("welding", "wedling", 2), Some(1), "two letters swapped are one edit");
        assert_eq!(within("cybersecuirty", "cybersecurity", 1), Some(1));
        assert_eq!(within("ab", "ba", 1), Some(1));
        assert_eq!(within("surgery", "nursing", 2), None);
        assert_eq!(within("abc", "abcdef", 2), None);
        assert!(same_but_doubled_letters("modeling", "modelling"));
        assert!(!same_but_doubled_letters("podiatry", "pediatry"));
        assert_eq!(allowed_edits(4), 0);
        assert_eq!(allowed_edits(6), 1);
        assert_eq!(allowed_edits(10), 2);
    }

    proptest! {
        #[test]
        fn symmetric_and_zero_only_for_equal_words(a in "[a-z]{0,10}", b in "[a-z]{0,10}") {
            prop_assert_eq!(within(&a, &b, 3), within(&b, &a, 3));
            prop_assert_eq!(within(&a, &b, 3) == Some(0), a == b);
        }
    }
}
