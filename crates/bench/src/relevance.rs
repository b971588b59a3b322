//! `passerelle-bench --relevance`: how well the matcher finds the right experts for requests
//! typed as hosts type them (synonyms, abbreviations, gender and plural forms, typos, word
//! order, neighbour skills, words the taxonomy does not know), beside BM25 with the same hard
//! filters (SQLite FTS5 over the same profiles, given the words the host typed), in one run.
//!
//! The judged requests are written by hand (`data/relevance.tsv`, checked by
//! `data/check_relevance.py`): each typed skill with the concept the host means. The roster is
//! the generated one, with experts planted for each request: holders of the concepts labelled in
//! English and in French, a holder of a narrower and of a related concept, two who name the
//! first concept only in their summary (in English and in French: their recall is reported
//! apart), for unknown words experts who list them or only write them in their summary, and a
//! holder who fails the language filter. Every expert of the roster is judged by the same rule, from the database:
//! per must-have, 3 for the concept held (or the words listed), 2 for a narrower concept, 1 for
//! a related or broader one or the words only in their text; an expert's gain is the mean over
//! must-haves, and they are relevant when every must-have is at 2 or more.

use crate::Args;
use crate::corpus::{self, AsyncBatch, Corpus};
use crate::requests::Request;
use crate::sqlite_fts;
use passerelle_core::{Cefr, Country, DateRange, ExpertId, Language, Sector};
use passerelle_missions::requests::{Level, RequestInput, RequiredSkill, Requirement, SkillInput};
use passerelle_profiles::Profile;
use passerelle_profiles::consent::Source;
use passerelle_profiles::input::{ConsentInput, ExpertInput, LanguageInput, SkillInput as ExpertSkill, WindowInput};
use passerelle_profiles::resolve::SkillResolver;
use passerelle_profiles::service::{self, Target};
use passerelle_search::availability::slot;
use passerelle_search::criteria::wanted;
use passerelle_search::{Criteria, Indexer, MissionMode, Rebuild, Scoring, SearchIndex, Timing, encode, matcher};
use passerelle_taxonomy::{Closeness, SkillId, Taxonomy, normalize};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use time::macros::date;

const JUDGED: &str = include_str!("../data/relevance.tsv");

/// One judged request.
struct Judged {
    id: String,
    lang: Language,
    kind: String,
    country: Country,
    sector: Sector,
    /// (typed, concept meant: none for words the taxonomy does not know)
    must: Vec<(String, Option<SkillId>)>,
    nice: Option<String>,
}

fn parse(text: &str) -> anyhow::Result<Vec<Judged>> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).ok_or_else(|| anyhow::anyhow!("no column {name}"));
    let (id, lang, sector, country, must, concepts, nice, kind) = (
        column("id")?,
        column("lang")?,
        column("sector")?,
        column("country")?,
        column("must")?,
        column("must_concepts")?,
        column("nice")?,
        column("kind")?,
    );
    let split = |s: &str| s.split(" | ").map(str::trim).map(str::to_owned).collect::<Vec<_>>();
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            let get = |i: usize| f.get(i).copied().unwrap_or("").trim();
            let typed = split(get(must));
            let meant = split(get(concepts));
            anyhow::ensure!(typed.len() == meant.len(), "{}: must and must_concepts differ", get(id));
            let must = typed
                .into_iter()
                .zip(meant)
                .map(|(t, c)| Ok((t, if c == "-" { None } else { Some(SkillId::parse(&c)?) })))
                .collect::<anyhow::Result<_>>()?;
            Ok(Judged {
                id: get(id).to_owned(),
                lang: Language::parse(get(lang))?,
                kind: get(kind).to_owned(),
                country: Country::parse(get(country))?,
                sector: Sector::parse(get(sector))?,
                must,
                nice: Some(get(nice).to_owned()).filter(|n| !n.is_empty()),
            })
        })
        .collect()
}

/// The mission every judged request describes (the hard filters: the request's language at
/// B2, three weeks on site in March 2027).
fn timing() -> Timing {
    Timing::Fixed(DateRange::new(date!(2027 - 03 - 01), date!(2027 - 03 - 21)).unwrap_or_else(|e| panic!("{e}")))
}

/// An expert planted for a request: who they are for, and what they are there to measure.
struct Planted {
    request: usize,
    role: Role,
}

/// What a planted expert measures.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    /// Holds every must-have, with skills written in this language (same-language and
    /// cross-lingual recall).
    Labelled(Language),
    /// Holds every must-have but the first, which they only name in their summary, in the
    /// request's language or the other (recall of skills only in experts' own words).
    TextOnly,
    Other,
}

fn planted_expert(name: String, skills: Vec<String>, summary: String, speaks: &[&str]) -> ExpertInput {
    ExpertInput {
        name,
        residence_country: Some("BE".into()),
        origin_countries: vec!["RW".into()],
        headline: Some("Consultant".into()),
        summary: Some(summary),
        skills: skills.into_iter().map(|label| ExpertSkill { label, level: Some(3), ..Default::default() }).collect(),
        languages: speaks
            .iter()
            .map(|c| LanguageInput { code: (*c).into(), spoken: "C1".into(), written: "C1".into() })
            .collect(),
        availability: vec![WindowInput { start: "2027-01-01".into(), end: "2027-12-31".into(), mode: "either".into() }],
        consent: Some(ConsentInput { matching: true, version: "2026-11-01".into(), given_at: None }),
        ..Default::default()
    }
}

/// The experts planted for each request (see the module's documentation).
fn plant(judged: &[Judged], taxonomy: &Taxonomy) -> Vec<(ExpertInput, Planted)> {
    let mut out = Vec::new();
    let label = |c: &SkillId, lang: &str| {
        let locale = if lang == "fr" { passerelle_core::Locale::Fr } else { passerelle_core::Locale::En };
        taxonomy.label(c, locale).unwrap_or(c.as_str()).to_owned()
    };
    for (r, j) in judged.iter().enumerate() {
        let name = |n: usize| format!("Planted {} {n}", j.id);
        let words: Vec<&str> = j.must.iter().filter(|(_, c)| c.is_none()).map(|(t, _)| t.as_str()).collect();
        let concepts: Vec<&SkillId> = j.must.iter().filter_map(|(_, c)| c.as_ref()).collect();
        let both = ["fr", "en"];
        for (n, lang) in ["en", "fr", "en", "fr"].iter().enumerate() {
            let mut skills: Vec<String> = concepts.iter().map(|c| label(c, lang)).collect();
            skills.extend(words.iter().map(|w| (*w).to_owned()));
            let role = match Language::parse(lang) {
                Ok(lang) if words.is_empty() => Role::Labelled(lang),
                _ => Role::Other,
            };
            out.push((planted_expert(name(n), skills, String::new(), &both), Planted { request: r, role }));
        }
        // Close holders for the first concept, the others held.
        if let Some(first) = concepts.first() {
            let close = taxonomy.graph.close(first);
            for wanted_kind in [Closeness::Narrower, Closeness::Related] {
                if let Some((skill, _)) = close.iter().find(|(_, k)| *k == wanted_kind) {
                    let mut skills = vec![label(skill, "en")];
                    skills.extend(concepts.iter().skip(1).map(|c| label(c, "en")));
                    skills.extend(words.iter().map(|w| (*w).to_owned()));
                    out.push((
                        planted_expert(name(out.len()), skills, String::new(), &both),
                        Planted { request: r, role: Role::Other },
                    ));
                }
            }
            // The first must-have only in their own words, once in each language.
            for (n, lang) in ["en", "fr"].iter().enumerate() {
                let mut skills: Vec<String> = concepts.iter().skip(1).map(|c| label(c, "en")).collect();
                skills.extend(words.iter().map(|w| (*w).to_owned()));
                let summary = match *lang {
                    "fr" => {
                        format!("Quinze ans d'expérience en {}, à l'hôpital comme sur le terrain.", label(first, lang))
                    }
                    _ => {
                        format!("Fifteen years of experience in {}, in hospitals and in the field.", label(first, lang))
                    }
                };
                out.push((
                    planted_expert(name(80 + n), skills, summary, &both),
                    Planted { request: r, role: Role::TextOnly },
                ));
            }
        }
        if !words.is_empty() {
            let held: Vec<String> = concepts.iter().map(|c| label(c, "en")).collect();
            let summary = format!("Twenty years of practice: {}.", words.join(", "));
            out.push((planted_expert(name(90), held, summary, &both), Planted { request: r, role: Role::Other }));
        }
        // Holds everything, but does not speak the request's language: must never be returned.
        let mut skills: Vec<String> = concepts.iter().map(|c| label(c, "en")).collect();
        skills.extend(words.iter().map(|w| (*w).to_owned()));
        out.push((planted_expert(name(99), skills, String::new(), &["rw"]), Planted { request: r, role: Role::Other }));
    }
    out
}

/// What the judge reads of an expert.
struct Judge {
    id: String,
    skills: HashSet<SkillId>,
    /// Folded labels of the skills as the expert wrote them.
    words: Vec<String>,
    /// Folded headline, summary and work history.
    text: String,
    passes: bool,
}

struct Judges<'a> {
    judged: &'a [Judged],
    out: Vec<Vec<Judge>>,
}

impl AsyncBatch for &mut Judges<'_> {
    async fn batch(&mut self, profiles: Vec<Profile>) -> anyhow::Result<()> {
        for profile in profiles {
            for (r, j) in self.judged.iter().enumerate() {
                self.out[r].push(judge_of(&profile, j));
            }
        }
        Ok(())
    }
}

fn judge_of(profile: &Profile, j: &Judged) -> Judge {
    let d = &profile.data;
    let speaks = d.languages.iter().any(|l| l.language == j.lang && l.spoken >= Cefr::B2);
    let windows: Vec<(u32, u32, u64)> = d
        .windows
        .iter()
        .map(|w| {
            let modes = match w.mode {
                passerelle_profiles::model::WorkMode::OnSite => encode::ON_SITE,
                passerelle_profiles::model::WorkMode::Remote => encode::REMOTE,
                passerelle_profiles::model::WorkMode::Either => encode::ON_SITE | encode::REMOTE,
            };
            (encode::day(w.range.start()), encode::day(w.range.end()), modes)
        })
        .collect();
    let passes = profile.consent.is_some() && speaks && slot(&windows, &[], timing(), MissionMode::OnSite).is_some();
    let mut text = format!("{} {}", d.headline, d.summary);
    for w in &d.work {
        text.push(' ');
        text.push_str(&w.role);
    }
    Judge {
        id: profile.id.to_string(),
        skills: d.skills.iter().filter_map(|s| s.skill.clone()).collect(),
        // Every skill as the expert wrote it: words the taxonomy links to some concept are still
        // the words the expert listed.
        words: d.skills.iter().map(|s| normalize(&s.label)).collect(),
        text: normalize(&text),
        passes,
    }
}

/// The judged grade (0 to 3) of one must-have for one expert.
fn grade(judge: &Judge, typed: &str, meant: Option<&SkillId>, taxonomy: &Taxonomy) -> u8 {
    match meant {
        Some(concept) => {
            if judge.skills.contains(concept) {
                return 3;
            }
            let close = taxonomy.graph.close(concept);
            let best = close.iter().filter(|(s, _)| judge.skills.contains(s)).map(|(_, k)| *k).min();
            match best {
                Some(Closeness::Narrower) => 2,
                Some(_) => 1,
                None => {
                    let named = passerelle_core::Locale::ALL
                        .iter()
                        .filter_map(|l| taxonomy.label(concept, *l))
                        .any(|label| judge.text.contains(&normalize(label)));
                    u8::from(named)
                }
            }
        }
        None => {
            let words = normalize(typed);
            if judge.words.iter().any(|w| w.contains(&words)) { 3 } else { u8::from(judge.text.contains(&words)) }
        }
    }
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Figures {
    pub ndcg10: f64,
    pub recall20: f64,
    pub p10: f64,
    pub same_recall20: f64,
    pub cross_recall20: f64,
    /// Of the experts who name a must-have only in their own words.
    pub text_only_recall20: f64,
    pub violations: usize,
}

pub struct Relevance {
    pub requests: usize,
    pub refused: usize,
    pub profiles: u64,
    pub ours: Figures,
    pub bm25: Figures,
    /// nDCG@10 of each system by kind of request: (kind, count, ours, BM25).
    pub by_kind: Vec<(String, usize, f64, f64)>,
}

/// Scores one system's answers against the judges.
fn score(
    answers: &[Vec<String>],
    judged: &[Judged],
    judges: &[HashMap<String, (f64, bool, bool)>],
    planted: &[HashMap<String, Role>],
) -> (Figures, Vec<f64>) {
    let mut f = Figures::default();
    let mut per_request = Vec::new();
    let (mut same, mut cross, mut text_only) = ((0usize, 0usize), (0usize, 0usize), (0usize, 0usize));
    for (r, top) in answers.iter().enumerate() {
        let judge = &judges[r];
        let gain = |id: &String| judge.get(id).map_or(0.0, |g| g.0);
        let dcg = |gains: &[f64]| -> f64 {
            gains.iter().enumerate().map(|(i, g)| (2f64.powf(*g) - 1.0) / ((i + 2) as f64).log2()).sum()
        };
        let got: Vec<f64> = top.iter().take(10).map(gain).collect();
        let mut ideal: Vec<f64> = judge.values().filter(|g| g.2).map(|g| g.0).collect();
        ideal.sort_by(|a, b| b.total_cmp(a));
        ideal.truncate(10);
        let ndcg = if dcg(&ideal) > 0.0 { dcg(&got) / dcg(&ideal) } else { 1.0 };
        per_request.push(ndcg);
        f.ndcg10 += ndcg;
        let relevant: HashSet<&String> = judge.iter().filter(|(_, g)| g.1 && g.2).map(|(id, _)| id).collect();
        let top20: HashSet<&String> = top.iter().take(20).collect();
        if !relevant.is_empty() {
            let found = relevant.iter().filter(|id| top20.contains(*id)).count();
            f.recall20 += found as f64 / relevant.len().min(20) as f64;
        }
        f.p10 += top.iter().take(10).filter(|id| relevant.contains(id)).count() as f64 / 10.0;
        f.violations += top.iter().filter(|id| !judge.get(*id).is_some_and(|g| g.2)).count();
        for (id, role) in &planted[r] {
            let counter = match role {
                Role::Labelled(lang) if *lang == judged[r].lang => &mut same,
                Role::Labelled(_) => &mut cross,
                Role::TextOnly => &mut text_only,
                Role::Other => continue,
            };
            counter.0 += usize::from(top20.contains(id));
            counter.1 += 1;
        }
    }
    let n = answers.len().max(1) as f64;
    f.ndcg10 /= n;
    f.recall20 /= n;
    f.p10 /= n;
    f.same_recall20 = same.0 as f64 / same.1.max(1) as f64;
    f.cross_recall20 = cross.0 as f64 / cross.1.max(1) as f64;
    f.text_only_recall20 = text_only.0 as f64 / text_only.1.max(1) as f64;
    (f, per_request)
}

/// Whether the request form would take the request: every typed skill is kept (linked or in
/// words), none refused.
fn refused(j: &Judged, taxonomy: &Taxonomy) -> bool {
    let mut skills: Vec<SkillInput> = j
        .must
        .iter()
        .map(|(t, _)| SkillInput { skill: t.clone(), requirement: "must_have".into(), level: "1".into() })
        .collect();
    skills.extend(j.nice.iter().map(|t| SkillInput {
        skill: t.clone(),
        requirement: "nice_to_have".into(),
        level: "1".into(),
    }));
    let input = RequestInput { skills, ..Default::default() };
    let sector = Sector::parse(input.sector.trim()).ok();
    match input.validate(|typed| passerelle_missions::requests::store::link(taxonomy, typed, sector)) {
        Ok(_) => false,
        Err(errors) => errors.iter().any(|e| e.field.starts_with("skills")),
    }
}

pub async fn measure(dir: &Path, args: &Args) -> anyhow::Result<Relevance> {
    let judged = parse(JUDGED)?;
    let dir = dir.join("relevance");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let mut corpus: Corpus = corpus::load(&dir, None, args.relevance_profiles, args.seed).await?;
    let taxonomy = Arc::new(Taxonomy::load(&corpus.db).await?);
    let resolver = SkillResolver::of(taxonomy.clone());
    let mut planted: Vec<HashMap<String, Role>> = vec![HashMap::new(); judged.len()];
    let mut tx = corpus.db.begin().await?;
    for (mut input, who) in plant(&judged, &taxonomy) {
        // Two labels may name one concept (a close skill of one must-have is another's): once.
        let mut seen = HashSet::new();
        input.skills.retain(|s| {
            seen.insert(resolver.find(&s.label, None).map_or_else(|| normalize(&s.label), |id| id.to_string()))
        });
        let checked = service::check(&input, &resolver).map_err(|e| anyhow::anyhow!("planted expert: {e:?}"))?;
        let id: ExpertId =
            service::write(&mut tx, &checked, Target::New { user: None }, None, Source::Import).await?.id;
        planted[who.request].insert(id.to_string(), who.role);
        corpus.count += 1;
    }
    tx.commit().await?;

    // Ours: the request as the form links it, through the matcher.
    let (index, _) = SearchIndex::open(&dir.join("index"))?;
    let index = Arc::new(index);
    Indexer::new(index.clone(), corpus.db.clone()).await?.rebuild(&Rebuild::Asked, &mut |_, _| {}).await?;
    let criteria: Vec<Criteria> = judged.iter().map(|j| criteria_of(j, &taxonomy)).collect();
    let ours: Vec<Vec<String>> = criteria
        .iter()
        .map(|c| {
            Ok(matcher::find(&index, c, &Scoring::default(), 20, 0)?.into_iter().map(|r| r.id.to_string()).collect())
        })
        .collect::<anyhow::Result<_>>()?;

    // BM25 with the same hard filters, given the words the host typed.
    let requests: Vec<Request> = judged
        .iter()
        .zip(&criteria)
        .map(|(j, c)| Request {
            criteria: c.clone(),
            words: j.must.iter().map(|(t, _)| t.clone()).chain(j.nice.clone()).collect(),
        })
        .collect();
    let fts_args = Args { limit: 20, passes: 2, ..args.clone() };
    let bm25 = sqlite_fts::measure(&dir, &corpus, &requests, &fts_args).await?.tops;

    let mut judges = Judges { judged: &judged, out: (0..judged.len()).map(|_| Vec::new()).collect() };
    corpus.for_each_batch(&mut judges).await?;
    let graded: Vec<HashMap<String, (f64, bool, bool)>> = judges
        .out
        .iter()
        .zip(&judged)
        .map(|(experts, j)| {
            experts
                .iter()
                .map(|e| {
                    let grades: Vec<u8> = j.must.iter().map(|(t, c)| grade(e, t, c.as_ref(), &taxonomy)).collect();
                    let gain = grades.iter().map(|g| f64::from(*g)).sum::<f64>() / grades.len().max(1) as f64;
                    (e.id.clone(), (gain, grades.iter().all(|g| *g >= 2), e.passes))
                })
                .collect()
        })
        .collect();
    let (ours_figures, ours_each) = score(&ours, &judged, &graded, &planted);
    let (bm25_figures, bm25_each) = score(&bm25, &judged, &graded, &planted);
    let mut kinds: Vec<String> = judged.iter().map(|j| j.kind.clone()).collect();
    kinds.sort();
    kinds.dedup();
    let by_kind = kinds
        .into_iter()
        .map(|kind| {
            let rows: Vec<usize> = (0..judged.len()).filter(|r| judged[*r].kind == kind).collect();
            let mean = |each: &[f64]| rows.iter().map(|r| each[*r]).sum::<f64>() / rows.len().max(1) as f64;
            (kind, rows.len(), mean(&ours_each), mean(&bm25_each))
        })
        .collect();
    Ok(Relevance {
        requests: judged.len(),
        refused: judged.iter().filter(|j| refused(j, &taxonomy)).count(),
        profiles: corpus.count,
        ours: ours_figures,
        bm25: bm25_figures,
        by_kind,
    })
}

fn criteria_of(j: &Judged, taxonomy: &Taxonomy) -> Criteria {
    let required = |typed: &str, requirement| {
        let (skill, label) = match passerelle_missions::requests::store::link(taxonomy, typed, Some(j.sector)) {
            Some((skill, label)) => (Some(skill), label),
            None => (None, typed.trim().to_owned()),
        };
        wanted(
            taxonomy,
            &RequiredSkill { skill, label, requirement, level: Level::new(1).unwrap_or_else(|e| panic!("{e:?}")) },
        )
    };
    Criteria {
        must: j.must.iter().map(|(t, _)| required(t, Requirement::MustHave)).collect(),
        nice: j.nice.iter().map(|t| required(t, Requirement::NiceToHave)).collect(),
        languages: vec![(j.lang, Cefr::B2)],
        timing: timing(),
        mode: MissionMode::OnSite,
        country: Some(j.country),
        preferred_origins: vec![],
        sector: Some(j.sector),
        limits: None,
    }
}

/// How one figure is printed.
type Show = fn(&Figures) -> String;

impl Relevance {
    pub fn table(&self) -> String {
        let mut out = format!(
            "Relevance: {} judged requests (EN and FR, typed as hosts type), {} profiles, {} refused\n\n",
            self.requests, self.profiles, self.refused
        );
        out.push_str("| measure | Passerelle | BM25 + same hard filters (SQLite FTS5) |\n|---|---:|---:|\n");
        let rows: [(&str, Show); 7] = [
            ("nDCG@10", |f| format!("{:.3}", f.ndcg10)),
            ("recall@20", |f| format!("{:.3}", f.recall20)),
            ("P@10", |f| format!("{:.3}", f.p10)),
            ("same-language recall@20 (planted)", |f| format!("{:.3}", f.same_recall20)),
            ("cross-lingual recall@20 (planted)", |f| format!("{:.3}", f.cross_recall20)),
            ("recall@20 of a must-have named only in the summary (planted)", |f| {
                format!("{:.3}", f.text_only_recall20)
            }),
            ("hard-filter violations", |f| f.violations.to_string()),
        ];
        for (name, show) in rows {
            out.push_str(&format!("| {name} | {} | {} |\n", show(&self.ours), show(&self.bm25)));
        }
        out.push_str("\n| kind of request | requests | nDCG@10 Passerelle | nDCG@10 BM25 |\n|---|---:|---:|---:|\n");
        for (kind, n, ours, bm25) in &self.by_kind {
            out.push_str(&format!("| {kind} | {n} | {ours:.3} | {bm25:.3} |\n"));
        }
        out
    }
}
