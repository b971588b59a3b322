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

/// The Levenshtein distance between `a` and `b` if it is at most `max`, else `None`.
pub fn within(a: &str, b: &str, max: usize) -> Option<usize> {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        let mut best = current[0];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            best = best.min(current[j + 1]);
        }
        if best > max {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    Some(previous[b.len()]).filter(|d| *d <= max)
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
        assert_eq!(within("welding", "wedling", 2), Some(2));
        assert_eq!(within("surgery", "nursing", 2), None);
        assert_eq!(within("abc", "abcdef", 2), None);
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
