//! Roster search for coordinators: free text (expanded with skill synonyms) and filters, with
//! facet counts, highlighted snippets, sorting and pages.

use crate::availability::{MissionMode, Timing};
use crate::collector::{Available, expert_id};
use crate::document::Written;
use crate::encode;
use crate::expand::Expander;
use crate::index::SearchIndex;
use crate::window::{self, SearchError};
use passerelle_core::{Country, DateRange, ExpertId, Language, Sector};
use std::collections::{HashMap, HashSet};
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocId, Order, Score, SegmentOrdinal, SegmentReader, TantivyDocument, Term};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    RecentlyUpdated,
    MostExperienced,
}

#[derive(Debug, Clone, Default)]
pub struct RosterSearch {
    pub text: String,
    pub sector: Option<Sector>,
    pub origin: Option<Country>,
    pub language: Option<Language>,
    /// Only experts available some time in this period (e.g. this quarter).
    pub available: Option<DateRange>,
    /// Only experts who consent to be matched.
    pub consenting: bool,
    pub sort: Sort,
    pub offset: usize,
    pub limit: usize,
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub id: ExpertId,
    pub score: f32,
    /// An extract of the profile with the matching words in `<b>`, HTML-escaped.
    pub snippet: String,
}

#[derive(Debug, Clone, Default)]
pub struct Facets {
    pub sectors: Vec<(Sector, u64)>,
    pub origins: Vec<(Country, u64)>,
    pub languages: Vec<(Language, u64)>,
    /// How many of the results are available in `quarter`.
    pub available_in_quarter: u64,
}

#[derive(Debug, Clone)]
pub struct RosterResult {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Facets,
}

fn must(query: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(ConstScoreQuery::new(query, 0.0)))
}

/// Searches the roster. `quarter` is the period the "available this quarter" count is for.
/// A page beyond [`window::MAX_WINDOW`] results, or of more than [`window::MAX_PAGE`], is
/// refused with [`SearchError::OutOfRange`].
pub fn search(
    index: &SearchIndex,
    expander: &Expander,
    q: &RosterSearch,
    quarter: DateRange,
) -> Result<RosterResult, SearchError> {
    window::check(q.offset, q.limit, window::MAX_PAGE, window::MAX_WINDOW)?;
    let f = index.fields();
    let searcher = index.searcher();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let text = q.text.trim();
    let mut text_query: Option<Box<dyn Query>> = None;
    if !text.is_empty() {
        let parser = QueryParser::for_index(&index.index, vec![f.text_en, f.text_fr]);
        // Lenient: whatever people type is a query, never a crash.
        let (parsed, _errors) = parser.parse_query_lenient(text);
        let mut should: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, parsed)];
        // A skill named in full weighs more than one whose label shares a word with the query.
        let named = expander.skills_in(text);
        let near = expander.skills_near(text).into_iter().filter(|s| !named.contains(s)).map(|s| (s, 0.5));
        for (skill, boost) in named.iter().map(|s| (s.clone(), 2.0)).chain(near) {
            let term = TermQuery::new(Term::from_field_text(f.skills, skill.as_str()), IndexRecordOption::WithFreqs);
            should.push((Occur::Should, Box::new(BoostQuery::new(Box::new(term), boost))));
        }
        let query: Box<dyn Query> = Box::new(BooleanQuery::new(should));
        text_query = Some(query.box_clone());
        clauses.push((Occur::Must, query));
    }
    let term = |field, value: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic))
    };
    if let Some(sector) = q.sector {
        clauses.push(must(term(f.sectors, sector.code())));
    }
    if let Some(origin) = q.origin {
        clauses.push(must(term(f.origins, origin.code())));
    }
    if let Some(language) = q.language {
        clauses.push(must(term(f.langs, &format!("{language}:1"))));
    }
    if q.consenting {
        clauses.push(must(Box::new(TermQuery::new(Term::from_field_u64(f.consent, 1), IndexRecordOption::Basic))));
    }
    let query: Box<dyn Query> =
        if clauses.is_empty() { Box::new(AllQuery) } else { Box::new(BooleanQuery::new(clauses)) };

    let limit = q.limit;
    let available = q.available.map(|range| Timing::Flexible { window: range, days: 1 });
    let page = |searcher: &tantivy::Searcher| -> Result<Page, SearchError> {
        let facets = FacetCounter { quarter: (encode::day(quarter.start()), encode::day(quarter.end())) };
        macro_rules! run {
            ($top:expr, $to_score:expr) => {{
                match available {
                    Some(timing) => {
                        let (top, total, counts) = searcher.search(
                            &query,
                            &(
                                only_available($top, timing),
                                only_available(Count, timing),
                                only_available(facets, timing),
                            ),
                        )?;
                        (top.into_iter().map($to_score).collect(), total, counts)
                    }
                    None => {
                        let (top, total, counts) = searcher.search(&query, &($top, Count, facets))?;
                        (top.into_iter().map($to_score).collect(), total, counts)
                    }
                }
            }};
        }
        let top = TopDocs::with_limit(limit).and_offset(q.offset);
        Ok(match q.sort {
            Sort::Relevance => run!(top.order_by_score(), |(s, a): (Score, DocAddress)| (s, a)),
            Sort::RecentlyUpdated => {
                run!(top.order_by_u64_field("updated", Order::Desc), |(_, a): (Option<u64>, DocAddress)| (0.0, a))
            }
            Sort::MostExperienced => {
                run!(top.order_by_u64_field("years", Order::Desc), |(_, a): (Option<u64>, DocAddress)| (0.0, a))
            }
        })
    };
    let (top, total, facets) = page(&searcher)?;
    // Snippets are cut from the stored text with the analyser it was indexed with (French
    // when it went through both, as French-speaking programmes write most profiles).
    let snippets = match &text_query {
        Some(query) => Some((
            SnippetGenerator::create(&searcher, query.as_ref(), f.text_en)?,
            SnippetGenerator::create(&searcher, query.as_ref(), f.text_fr)?,
        )),
        None => None,
    };
    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top {
        let snippet = match &snippets {
            Some((english, french)) => {
                let doc: TantivyDocument = searcher.doc(address)?;
                let text = doc.get_first(f.text).and_then(|v| v.as_str()).unwrap_or_default();
                let analysed = searcher
                    .segment_reader(address.segment_ord)
                    .fast_fields()
                    .u64("analysed")?
                    .first(address.doc_id)
                    .unwrap_or_default();
                let generator = if Written::from_bits(analysed).french { french } else { english };
                generator.snippet(text).to_html()
            }
            None => String::new(),
        };
        hits.push(Hit { id: expert_id(&searcher, address)?, score, snippet });
    }
    if q.sort == Sort::Relevance {
        // Equal scores in the order of the ids, not of the documents' places in the index
        // (which depend on how the indexing threads shared the work).
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    }
    Ok(RosterResult { total, hits, facets })
}

/// The hits of a page, how many results in all, and the facets.
type Page = (Vec<(Score, DocAddress)>, usize, Facets);

fn only_available<C>(inner: C, timing: Timing) -> Available<C> {
    Available { inner, timing, mode: MissionMode::Any, exclude: HashSet::new(), limits: None, keep: None }
}

/// Counts the results by sector, origin and language, and those available in a period.
struct FacetCounter {
    quarter: (u32, u32),
}

#[derive(Default)]
struct Counts {
    sectors: [u64; 12],
    origins: HashMap<u64, u64>,
    languages: HashMap<u64, u64>,
    available: u64,
}

struct FacetSegment {
    counts: Counts,
    quarter: (u32, u32),
    sector_bits: Column<u64>,
    origin_codes: Column<u64>,
    lang_levels: Column<u64>,
    windows: Column<u64>,
}

impl Collector for FacetCounter {
    type Fruit = Facets;
    type Child = FacetSegment;

    fn for_segment(&self, _segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<FacetSegment> {
        let f = reader.fast_fields();
        Ok(FacetSegment {
            counts: Counts::default(),
            quarter: self.quarter,
            sector_bits: f.u64("sector_bits")?,
            origin_codes: f.u64("origin_codes")?,
            lang_levels: f.u64("lang_levels")?,
            windows: f.u64("windows")?,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, parts: Vec<Counts>) -> tantivy::Result<Facets> {
        let mut all = Counts::default();
        for part in parts {
            for (i, n) in part.sectors.iter().enumerate() {
                all.sectors[i] += n;
            }
            for (k, n) in part.origins {
                *all.origins.entry(k).or_default() += n;
            }
            for (k, n) in part.languages {
                *all.languages.entry(k).or_default() += n;
            }
            all.available += part.available;
        }
        let mut sectors: Vec<(Sector, u64)> =
            Sector::ALL.iter().zip(all.sectors).filter(|(_, n)| *n > 0).map(|(s, n)| (*s, n)).collect();
        sectors.sort_by_key(|entry| std::cmp::Reverse(entry.1));
        let mut origins: Vec<(Country, u64)> =
            Country::all().filter_map(|c| all.origins.get(&encode::country(c)).map(|n| (c, *n))).collect();
        origins.sort_by_key(|entry| std::cmp::Reverse(entry.1));
        let mut languages: Vec<(Language, u64)> =
            Language::all().filter_map(|l| all.languages.get(&encode::language(l)).map(|n| (l, *n))).collect();
        languages.sort_by_key(|entry| std::cmp::Reverse(entry.1));
        Ok(Facets { sectors, origins, languages, available_in_quarter: all.available })
    }
}

impl SegmentCollector for FacetSegment {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let bits = self.sector_bits.first(doc).unwrap_or(0);
        for (i, count) in self.counts.sectors.iter_mut().enumerate() {
            if bits & (1 << i) != 0 {
                *count += 1;
            }
        }
        for origin in self.origin_codes.values_for_doc(doc) {
            *self.counts.origins.entry(origin).or_default() += 1;
        }
        for value in self.lang_levels.values_for_doc(doc) {
            *self.counts.languages.entry(encode::split_language_level(value).0).or_default() += 1;
        }
        let (from, to) = self.quarter;
        if self.windows.values_for_doc(doc).map(encode::split_period).any(|(a, b, _)| a <= to && b >= from) {
            self.counts.available += 1;
        }
    }

    fn harvest(self) -> Counts {
        self.counts
    }
}
