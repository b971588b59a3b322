//! The matcher: hard filters first (none of which a result may ever break), then retrieval by
//! text relevance (must-have skills weigh more than nice-to-have ones; skills that may stand in
//! for them, and skills named only in the experts' own words, weigh less), then the explained
//! re-ranking.
//!
//! Hard filters: consent given; every required language spoken at or above its level (terms in
//! the index); available for the mission's dates in a window of a fitting mode, and not booked;
//! within the expert's own limits — travel, length, notice — unless the coordinator loosened
//! one for this search (the availability collector); not erased (erased experts have no
//! document).

use crate::collector::{Available, facts};
use crate::index::SearchIndex;
use crate::rank::{Criteria, Facts, Ranked, Scoring, Wanted, Words, rank};
use crate::window::{self, SearchError};
use std::collections::{HashMap, HashSet};
use tantivy::collector::TopDocs;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EnableScoring, Occur, Query, QueryParser, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Score, Searcher, TERMINATED, Term};

/// Must-have skills count this many times a nice-to-have one in retrieval.
const MUST_BOOST: f32 = 3.0;
/// A skill named in words counts less than a skill of the taxonomy.
const TEXT_BOOST: f32 = 0.3;
/// Words the taxonomy does not know, found only in what an expert wrote about themselves,
/// count less still.
const MENTION_BOOST: f32 = 0.15;

/// The hard filters that are terms of the index.
pub(crate) fn filters(index: &SearchIndex, criteria: &Criteria) -> Vec<(Occur, Box<dyn Query>)> {
    let f = index.fields();
    let term =
        |q: TermQuery| -> (Occur, Box<dyn Query>) { (Occur::Must, Box::new(ConstScoreQuery::new(Box::new(q), 0.0))) };
    let mut clauses = vec![term(TermQuery::new(Term::from_field_u64(f.consent, 1), IndexRecordOption::Basic))];
    for (language, level) in &criteria.languages {
        let value = format!("{language}:{}", level.rank());
        clauses.push(term(TermQuery::new(Term::from_field_text(f.langs, &value), IndexRecordOption::Basic)));
    }
    clauses
}

pub(crate) fn skill_term(index: &SearchIndex, skill: &passerelle_taxonomy::SkillId) -> Box<dyn Query> {
    let term = Term::from_field_text(index.fields().skills, skill.as_str());
    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
}

/// The experts who name `skill` only in their own words (see [`crate::mentions`]).
fn mention_term(index: &SearchIndex, skill: &passerelle_taxonomy::SkillId) -> Box<dyn Query> {
    let term = Term::from_field_text(index.fields().mentions, skill.as_str());
    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
}

/// Phrases of a wanted skill in some text fields, as one query (`None` when it has none).
pub(crate) fn phrases(parser: &QueryParser, wanted: &Wanted) -> Option<Box<dyn Query>> {
    let clauses: Vec<(Occur, Box<dyn Query>)> = wanted
        .phrases
        .iter()
        .filter(|p| !p.trim().is_empty())
        .map(|p| (Occur::Should, parser.parse_query_lenient(&format!("\"{}\"", p.replace('"', " "))).0))
        .collect();
    (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
}

/// The parsers for what experts listed in words (skills the taxonomy does not know) and for
/// what they wrote about themselves.
pub(crate) fn parsers(index: &SearchIndex) -> (QueryParser, QueryParser) {
    let f = index.fields();
    (
        QueryParser::for_index(&index.index, vec![f.free_en, f.free_fr]),
        QueryParser::for_index(&index.index, vec![f.text_en, f.text_fr]),
    )
}

/// A wanted skill's phrases as queries, parsed once for retrieval and for the explanation
/// (analysing the labels in both languages was a tenth of a match's time when done twice).
struct Parsed {
    /// In what experts listed in words.
    listed: Option<Box<dyn Query>>,
    /// In what experts wrote about themselves: only for a skill the taxonomy does not know (a
    /// skill of the taxonomy named there is a term, see [`mention_term`]).
    written: Option<Box<dyn Query>>,
}

fn parse(index: &SearchIndex, criteria: &Criteria) -> Vec<Parsed> {
    let (listed, written) = parsers(index);
    criteria
        .wanted()
        .map(|(_, wanted)| Parsed {
            listed: phrases(&listed, wanted),
            written: if wanted.skill.is_none() { phrases(&written, wanted) } else { None },
        })
        .collect()
}

/// What makes a candidate relevant: each wanted skill, the skills that may stand in for it,
/// and its names in what experts wrote. Phrases, not words: the words of "project management"
/// are in half the roster.
fn relevance(
    index: &SearchIndex,
    criteria: &Criteria,
    scoring: &Scoring,
    parsed: &[Parsed],
) -> Vec<(Occur, Box<dyn Query>)> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut boosted = |query: Box<dyn Query>, boost: f32| {
        clauses.push((Occur::Should, Box::new(BoostQuery::new(query, boost)) as Box<dyn Query>));
    };
    for ((must, wanted), parsed) in criteria.wanted().zip(parsed) {
        let boost = if must { MUST_BOOST } else { 1.0 };
        if let Some(skill) = &wanted.skill {
            boosted(skill_term(index, skill), boost);
            boosted(mention_term(index, skill), boost * scoring.shares.mentioned);
        }
        for (skill, closeness) in &wanted.close {
            let share = match closeness {
                passerelle_taxonomy::Closeness::Narrower => scoring.shares.narrower,
                passerelle_taxonomy::Closeness::Related => scoring.shares.related,
                passerelle_taxonomy::Closeness::Broader => scoring.shares.broader,
            };
            boosted(skill_term(index, skill), boost * share);
        }
        let in_words = if wanted.skill.is_some() { TEXT_BOOST } else { 1.0 };
        if let Some(query) = &parsed.listed {
            boosted(query.box_clone(), boost * in_words);
        }
        // Phrases over everything experts wrote are the costliest clauses (long posting lists
        // with positions, across the whole roster): only for a skill the taxonomy does not
        // know.
        if let Some(query) = &parsed.written {
            boosted(query.box_clone(), boost * MENTION_BOOST);
        }
    }
    clauses
}

/// For each hit, which wanted skills its expert listed in words, and which are only mentioned
/// in what they wrote: each query is run over the hits' documents only.
fn words(
    searcher: &Searcher,
    index: &SearchIndex,
    criteria: &Criteria,
    parsed: &[Parsed],
    hits: &[(Score, DocAddress)],
) -> tantivy::Result<HashMap<DocAddress, Words>> {
    let mut found: HashMap<DocAddress, Words> = hits.iter().map(|(_, a)| (*a, Words::default())).collect();
    let mut by_segment: HashMap<u32, Vec<u32>> = HashMap::new();
    for (_, address) in hits {
        by_segment.entry(address.segment_ord).or_default().push(address.doc_id);
    }
    for docs in by_segment.values_mut() {
        docs.sort_unstable();
    }
    for (i, ((_, wanted), parsed)) in criteria.wanted().zip(parsed).enumerate().take(64) {
        // A skill of the taxonomy is read in experts' words when they are indexed (in either
        // language, and not where the text says it is not held); words it does not know are
        // looked for as written.
        let mention = wanted.skill.as_ref().map(|skill| mention_term(index, skill));
        let in_text = mention.as_deref().or(parsed.written.as_deref());
        for (query, mentioned) in [(parsed.listed.as_deref(), false), (in_text, true)] {
            let Some(query) = query else { continue };
            let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
            for (segment, docs) in &by_segment {
                let mut scorer = weight.scorer(searcher.segment_reader(*segment), 1.0)?;
                for &doc in docs {
                    if scorer.doc() <= doc && scorer.doc() != TERMINATED && scorer.seek(doc) == doc {
                        let entry = found.entry(DocAddress::new(*segment, doc)).or_default();
                        if mentioned {
                            entry.mentioned |= 1 << i;
                        } else {
                            entry.listed |= 1 << i;
                        }
                    }
                }
            }
        }
    }
    Ok(found)
}

/// The best `limit` candidates for `criteria`, explained. `stale_before` is the day (see
/// `encode::day`) before which a profile's confirmation is too old. A `limit` of 0 or above
/// [`window::MAX_MATCHES`] is refused: retrieval holds three times `limit` documents.
pub fn find(
    index: &SearchIndex,
    criteria: &Criteria,
    scoring: &Scoring,
    limit: usize,
    stale_before: u32,
) -> Result<Vec<Ranked>, SearchError> {
    window::check(0, limit, window::MAX_MATCHES, window::MAX_MATCHES)?;
    let searcher = index.searcher();
    let pool = (limit * 3).max(60);
    let filter_clauses = || filters(index, criteria);
    let parsed = parse(index, criteria);
    let relevance_clauses = relevance(index, criteria, scoring, &parsed);
    let available = |inner, exclude| Available {
        inner,
        timing: criteria.timing,
        mode: criteria.mode,
        exclude,
        limits: criteria.limits,
        keep: Some(pool),
    };

    // First those with something of what is asked.
    let mut hits: Vec<(Score, DocAddress)> = Vec::new();
    if !relevance_clauses.is_empty() {
        let mut clauses = filter_clauses();
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(relevance_clauses))));
        let collector = available(TopDocs::with_limit(pool).order_by_score(), HashSet::new());
        hits = searcher.search(&BooleanQuery::new(clauses), &collector)?;
    }
    // Then, if that is not enough, anyone who passes the hard filters: a match is never
    // missed because its profile shares no word with the request.
    if hits.len() < limit {
        let clauses = filter_clauses();
        let query: Box<dyn Query> =
            if clauses.is_empty() { Box::new(AllQuery) } else { Box::new(BooleanQuery::new(clauses)) };
        let collector = available(TopDocs::with_limit(pool).order_by_score(), hits.iter().map(|(_, a)| *a).collect());
        hits.extend(searcher.search(&query, &collector)?);
    }
    let mut candidates: Vec<Facts> = facts(&searcher, &hits, criteria.timing, criteria.mode, criteria.limits.as_ref())?;
    let words = words(&searcher, index, criteria, &parsed, &hits)?;
    for (facts, (_, address)) in candidates.iter_mut().zip(&hits) {
        facts.words = words.get(address).copied().unwrap_or_default();
    }
    let mut ranked = rank(criteria, scoring, candidates, stale_before);
    ranked.truncate(limit);
    Ok(ranked)
}
