//! Collectors over the index's fast fields: the availability filter that wraps retrieval (so
//! that top-k is taken among available experts only), and the reading of a candidate's facts
//! for the re-ranking.

use crate::availability::{Days, MissionMode, Timing, slot};
use crate::encode;
use crate::limits::{Limit, LimitCheck};
use crate::rank::{Facts, Words};
use passerelle_core::ExpertId;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

/// Passes to `inner` only the documents of experts available for the mission, within their
/// own limits (unless loosened), and not in `exclude`.
pub struct Available<C> {
    pub inner: C,
    pub timing: Timing,
    pub mode: MissionMode,
    pub exclude: HashSet<DocAddress>,
    /// The expert's own limits, for a request (none for roster searches).
    pub limits: Option<LimitCheck>,
    /// When `inner` keeps only the best this many by score (top-k retrieval): a document that
    /// could not enter them is not judged at all. Judging is most of a match's time at a
    /// million profiles when every matching document is judged.
    pub keep: Option<usize>,
}

/// The columns an expert is judged on: availability and their own limits.
pub(crate) struct JudgeColumns {
    windows: Column<u64>,
    booked: Column<u64>,
    no_travel: Column<u64>,
    max_days: Column<u64>,
    notice_days: Column<u64>,
    window_buf: Vec<(u32, u32, u64)>,
    booked_buf: Vec<(u32, u32)>,
}

/// What the filter finds of one expert: the slot they can take (respecting their notice
/// unless it was loosened), and every limit of theirs the mission breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Verdict {
    pub slot: Option<Days>,
    pub broken: Vec<Limit>,
}

impl Verdict {
    /// Available, and breaking no limit that still holds.
    pub fn passes(&self, limits: Option<&LimitCheck>) -> bool {
        self.slot.is_some() && self.broken.iter().all(|l| limits.is_some_and(|c| c.is_relaxed(*l)))
    }
}

impl JudgeColumns {
    pub(crate) fn of(reader: &SegmentReader) -> tantivy::Result<JudgeColumns> {
        let f = reader.fast_fields();
        Ok(JudgeColumns {
            windows: f.u64("windows")?,
            booked: f.u64("booked")?,
            no_travel: f.u64("no_travel")?,
            max_days: f.u64("max_days")?,
            notice_days: f.u64("notice_days")?,
            window_buf: Vec::with_capacity(8),
            booked_buf: Vec::with_capacity(4),
        })
    }

    pub(crate) fn judge(
        &mut self,
        doc: DocId,
        timing: Timing,
        mode: MissionMode,
        limits: Option<&LimitCheck>,
    ) -> Verdict {
        self.window_buf.clear();
        self.window_buf.extend(self.windows.values_for_doc(doc).map(encode::split_period));
        self.booked_buf.clear();
        self.booked_buf.extend(self.booked.values_for_doc(doc).map(|v| {
            let (a, b, _) = encode::split_period(v);
            (a, b)
        }));
        let plain =
            if self.window_buf.is_empty() { None } else { slot(&self.window_buf, &self.booked_buf, timing, mode) };
        let Some(limits) = limits else { return Verdict { slot: plain, broken: vec![] } };
        let notice = self.notice_days.first(doc).unwrap_or(0) as u32;
        let with_notice = match limits.with_notice(timing, notice) {
            Some(t) if notice > 0 && plain.is_some() => slot(&self.window_buf, &self.booked_buf, t, mode),
            Some(_) => plain,
            None => None,
        };
        let no_travel: Vec<u64> = self.no_travel.values_for_doc(doc).collect();
        let max_days = self.max_days.first(doc).unwrap_or(0) as u32;
        let broken = limits.broken(&no_travel, max_days, notice, with_notice, plain);
        let slot = if limits.is_relaxed(Limit::Notice) { plain } else { with_notice };
        Verdict { slot, broken }
    }
}

pub struct AvailableSegment<S> {
    inner: S,
    segment: SegmentOrdinal,
    columns: JudgeColumns,
    timing: Timing,
    mode: MissionMode,
    limits: Option<LimitCheck>,
    exclude: HashSet<DocAddress>,
    keep: Option<usize>,
    /// The scores of the best `keep` documents that passed so far, lowest on top.
    best: BinaryHeap<Reverse<ByScore>>,
}

/// A score ordered as the top-k collector orders it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct ByScore(Score);

impl Eq for ByScore {}

impl PartialOrd for ByScore {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ByScore {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl<S> AvailableSegment<S> {
    /// Whether a document scoring `score` can still enter the best `keep`: documents come in
    /// ascending order, and a later one that ties with the `keep`-th best loses to it, as in
    /// tantivy's top-k.
    fn may_enter(&self, score: Score) -> bool {
        match (self.keep, self.best.peek()) {
            (Some(keep), Some(Reverse(lowest))) if self.best.len() >= keep => score > lowest.0,
            _ => true,
        }
    }

    fn passed(&mut self, score: Score) {
        if let Some(keep) = self.keep {
            self.best.push(Reverse(ByScore(score)));
            if self.best.len() > keep {
                self.best.pop();
            }
        }
    }
}

impl<C: Collector> Collector for Available<C> {
    type Fruit = C::Fruit;
    type Child = AvailableSegment<C::Child>;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<Self::Child> {
        Ok(AvailableSegment {
            inner: self.inner.for_segment(segment, reader)?,
            segment,
            columns: JudgeColumns::of(reader)?,
            timing: self.timing,
            mode: self.mode,
            limits: self.limits,
            exclude: self.exclude.iter().filter(|a| a.segment_ord == segment).copied().collect(),
            keep: self.keep,
            best: BinaryHeap::with_capacity(self.keep.map_or(0, |k| k + 1)),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(&self, fruits: Vec<<Self::Child as SegmentCollector>::Fruit>) -> tantivy::Result<Self::Fruit> {
        self.inner.merge_fruits(fruits)
    }
}

impl<S: SegmentCollector> SegmentCollector for AvailableSegment<S> {
    type Fruit = S::Fruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        if !self.may_enter(score) {
            return;
        }
        if !self.exclude.is_empty() && self.exclude.contains(&DocAddress::new(self.segment, doc)) {
            return;
        }
        if self.columns.judge(doc, self.timing, self.mode, self.limits.as_ref()).passes(self.limits.as_ref()) {
            self.passed(score);
            self.inner.collect(doc, score);
        }
    }

    fn harvest(self) -> S::Fruit {
        self.inner.harvest()
    }
}

/// The fast-field columns of one segment that the re-ranking reads.
struct Columns {
    id_hi: Column<u64>,
    id_lo: Column<u64>,
    skill_levels: Column<u64>,
    lang_levels: Column<u64>,
    origin_codes: Column<u64>,
    sector_bits: Column<u64>,
    years: Column<u64>,
    verified: Column<u64>,
    confirmed: Column<u64>,
    rating: Column<u64>,
    ratings: Column<u64>,
    judge: JudgeColumns,
}

impl Columns {
    fn of(reader: &SegmentReader) -> tantivy::Result<Columns> {
        let f = reader.fast_fields();
        Ok(Columns {
            id_hi: f.u64("id_hi")?,
            id_lo: f.u64("id_lo")?,
            skill_levels: f.u64("skill_levels")?,
            lang_levels: f.u64("lang_levels")?,
            origin_codes: f.u64("origin_codes")?,
            sector_bits: f.u64("sector_bits")?,
            years: f.u64("years")?,
            verified: f.u64("verified")?,
            confirmed: f.u64("confirmed")?,
            rating: f.u64("rating")?,
            ratings: f.u64("ratings")?,
            judge: JudgeColumns::of(reader)?,
        })
    }
}

/// The expert id of a document.
pub fn expert_id(searcher: &Searcher, address: DocAddress) -> tantivy::Result<ExpertId> {
    let f = searcher.segment_reader(address.segment_ord).fast_fields();
    let hi = f.u64("id_hi")?.first(address.doc_id).unwrap_or(0);
    let lo = f.u64("id_lo")?.first(address.doc_id).unwrap_or(0);
    Ok(ExpertId::from_uuid(uuid_of(hi, lo)))
}

fn uuid_of(hi: u64, lo: u64) -> passerelle_core::uuid::Uuid {
    passerelle_core::uuid::Uuid::from_u128((u128::from(hi) << 64) | u128::from(lo))
}

/// Reads the facts of each hit, segment by segment.
pub fn facts(
    searcher: &Searcher,
    hits: &[(Score, DocAddress)],
    timing: Timing,
    mode: MissionMode,
    limits: Option<&LimitCheck>,
) -> tantivy::Result<Vec<Facts>> {
    let mut columns: Vec<Option<Columns>> = (0..searcher.segment_readers().len()).map(|_| None).collect();
    let mut found = Vec::with_capacity(hits.len());
    for (score, address) in hits {
        let slot_columns = &mut columns[address.segment_ord as usize];
        if slot_columns.is_none() {
            *slot_columns = Some(Columns::of(searcher.segment_reader(address.segment_ord))?);
        }
        let Some(c) = slot_columns.as_mut() else { continue };
        let doc = address.doc_id;
        let verdict = c.judge.judge(doc, timing, mode, limits);
        let first = |column: &Column<u64>| column.first(doc).unwrap_or(0);
        found.push(Facts {
            id: ExpertId::from_uuid(uuid_of(first(&c.id_hi), first(&c.id_lo))),
            text_score: *score,
            skills: c.skill_levels.values_for_doc(doc).map(encode::split_skill).collect(),
            languages: c.lang_levels.values_for_doc(doc).map(encode::split_language_level).collect(),
            origins: c.origin_codes.values_for_doc(doc).collect(),
            sector_bits: first(&c.sector_bits),
            years: first(&c.years) as u32,
            verified: first(&c.verified) as u32,
            confirmed_day: first(&c.confirmed) as u32,
            rating: first(&c.rating) as u32,
            ratings: first(&c.ratings) as u32,
            slot: verdict.slot,
            relaxed: verdict.broken,
            words: Words::default(),
        });
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema;
    use passerelle_core::DateRange;
    use tantivy::collector::TopDocs;
    use tantivy::query::TermQuery;
    use tantivy::schema::IndexRecordOption;
    use tantivy::{Index, TantivyDocument, Term};
    use time::macros::date;

    /// Judging only the documents that could enter the top k changes nothing of the top k:
    /// scores with many ties, a third of the documents unavailable, several segments.
    #[test]
    fn documents_that_cannot_enter_the_top_are_not_judged_and_the_top_is_the_same() {
        let (schema, fields) = schema::build();
        let index = Index::create_in_ram(schema);
        crate::analyzers::register(&index);
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let mission = DateRange::new(date!(2027 - 03 - 01), date!(2027 - 03 - 15)).unwrap();
        for i in 0..900u64 {
            let mut doc = TantivyDocument::default();
            // Scores in no order, with ties: how often the term is there, and among how many.
            for _ in 0..=(i * 7919 % 5) {
                doc.add_text(fields.skills, "midwifery");
            }
            for filler in 0..(i * 31 % 7) {
                doc.add_text(fields.skills, format!("other-{filler}"));
            }
            if i % 3 != 1 {
                let (start, end) = (encode::day(mission.start()) - 10, encode::day(mission.end()) + 10);
                doc.add_u64(fields.windows, encode::period(start, end, encode::ON_SITE));
            }
            for field in [fields.max_days, fields.notice_days] {
                doc.add_u64(field, 0);
            }
            writer.add_document(doc).unwrap();
            if i % 300 == 299 {
                writer.commit().unwrap();
            }
        }
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 3);
        let query = TermQuery::new(Term::from_field_text(fields.skills, "midwifery"), IndexRecordOption::WithFreqs);
        for k in [1, 7, 60, 500, 1000] {
            let top = |keep: Option<usize>| {
                let collector = Available {
                    inner: TopDocs::with_limit(k).order_by_score(),
                    timing: Timing::Fixed(mission),
                    mode: MissionMode::OnSite,
                    exclude: HashSet::new(),
                    limits: None,
                    keep,
                };
                searcher.search(&query, &collector).unwrap()
            };
            let all = top(None);
            assert_eq!(all.len(), k.min(600), "only the available enter");
            assert_eq!(top(Some(k)), all, "top {k}");
        }
    }
}
