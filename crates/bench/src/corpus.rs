//! The roster: generated deterministically and written into a fresh Passerelle database
//! through the same path as an import, then read back in batches by whoever needs it.

use passerelle_core::ExpertId;
use passerelle_db::Db;
use passerelle_profiles::consent::Source;
use passerelle_profiles::resolve::SkillResolver;
use passerelle_profiles::service::{self, Target};
use passerelle_profiles::synthetic::Generator;
use passerelle_profiles::{Profile, store};
use passerelle_taxonomy::SkillId;
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

pub struct Corpus {
    pub db: Db,
    /// The data directory (the database, and the index beside it).
    pub dir: std::path::PathBuf,
    pub labels: SkillLabels,
    pub count: u64,
    /// Profiles written per second (validation, taxonomy lookup and storage included).
    pub load_rate: f64,
}

const BATCH: u64 = 2000;

pub async fn load(data_dir: &Path, postgres: Option<&str>, count: u64, seed: u64) -> anyhow::Result<Corpus> {
    let db = match postgres {
        // A database of the run's own on that server (a reused --dir cannot find it again).
        Some(server) => Db::connect(&passerelle_db::testing::new_database(server).await).await?,
        None => Db::open(data_dir).await?,
    };
    db.migrate().await?;
    passerelle_taxonomy::sync_shipped(&db).await?;
    let resolver = SkillResolver::load(&db).await?;
    let generator = Generator::new(seed);
    let started = Instant::now();
    // A roster left by an earlier run with the same size is used again (`--dir`).
    let mut written = match store::count(&db).await?.max(0) as u64 {
        0 => 0,
        existing if existing == count => {
            eprintln!("bench: using the {count} profiles already in {}", data_dir.display());
            count
        }
        existing => anyhow::bail!("{} holds {existing} profiles, not {count}", data_dir.display()),
    };
    let reused = written == count;
    while written < count {
        let mut tx = db.begin().await?;
        for index in written..(written + BATCH).min(count) {
            let checked = service::check(&generator.expert(index), &resolver)
                .map_err(|errors| anyhow::anyhow!("generated profile {index} is invalid: {errors:?}"))?;
            service::write(&mut tx, &checked, Target::New { user: None }, None, Source::Import)
                .await
                .map_err(|e| anyhow::anyhow!("profile {index}: {e}"))?;
        }
        tx.commit().await?;
        written = (written + BATCH).min(count);
        if written % 50_000 == 0 || written == count {
            eprintln!(
                "bench: {written}/{count} profiles written ({:.0}/s)",
                written as f64 / started.elapsed().as_secs_f64()
            );
        }
    }
    let load_rate = if reused { f64::NAN } else { count as f64 / started.elapsed().as_secs_f64().max(0.001) };
    let labels = SkillLabels::load(&db).await?;
    Ok(Corpus { db, dir: data_dir.to_owned(), labels, count, load_rate })
}

impl Corpus {
    /// Calls `each` with every profile, in batches, in id order.
    pub async fn for_each_batch(&self, mut each: impl AsyncBatch) -> anyhow::Result<()> {
        let mut cursor: Option<ExpertId> = None;
        loop {
            let ids = store::ids_after(&self.db, cursor, 1000).await?;
            let Some(last) = ids.last().copied() else { return Ok(()) };
            let profiles = store::load_many(&self.db, &ids).await?;
            each.batch(profiles).await?;
            cursor = Some(last);
        }
    }
}

/// Something that takes profiles a batch at a time.
pub trait AsyncBatch {
    async fn batch(&mut self, profiles: Vec<Profile>) -> anyhow::Result<()>;
}

/// Every label of every skill (both languages, synonyms), joined, by skill. The full-text peers
/// have no query expansion, so each profile's text carries its skills' labels instead.
#[derive(Debug, Default)]
pub struct SkillLabels(HashMap<SkillId, String>);

impl SkillLabels {
    pub async fn load(db: &Db) -> Result<SkillLabels, sqlx::Error> {
        let mut labels: HashMap<SkillId, String> = HashMap::new();
        for (id, _lang, label, _) in passerelle_taxonomy::all_labels(db).await?.rows {
            let text = labels.entry(id).or_default();
            text.push_str(&label);
            text.push_str(". ");
        }
        Ok(SkillLabels(labels))
    }
}

/// What a full-text peer stores of a profile: the text Passerelle indexes with its skills'
/// labels, and what the hard filters read.
pub struct PeerRow {
    pub id: String,
    pub consent: bool,
    /// (language code, spoken rank 1..7)
    pub languages: Vec<(String, u8)>,
    /// (first day, last day, modes) in days since 1970; modes: 1 on site, 2 remote.
    pub windows: Vec<(u32, u32, u64)>,
    pub text: String,
}

impl PeerRow {
    pub fn of(profile: &Profile, labels: &SkillLabels) -> PeerRow {
        use passerelle_profiles::model::WorkMode;
        use passerelle_search::encode;
        let d = &profile.data;
        let mut windows: Vec<(u32, u32, u64)> = d
            .windows
            .iter()
            .map(|w| {
                let modes = match w.mode {
                    WorkMode::OnSite => encode::ON_SITE,
                    WorkMode::Remote => encode::REMOTE,
                    WorkMode::Either => encode::ON_SITE | encode::REMOTE,
                };
                (encode::day(w.range.start()), encode::day(w.range.end()), modes)
            })
            .collect();
        if d.remote_now {
            let today = encode::day(passerelle_core::Timestamp::now().date());
            windows.push((today, today + 90, encode::REMOTE));
        }
        PeerRow {
            id: profile.id.to_string(),
            consent: profile.consent.is_some(),
            languages: d.languages.iter().map(|l| (l.language.code().to_owned(), l.spoken.rank())).collect(),
            windows,
            text: {
                let mut text = passerelle_search::document::text_of(profile);
                for id in d.skills.iter().filter_map(|s| s.skill.as_ref()) {
                    text.push_str(labels.0.get(id).map_or("", String::as_str));
                }
                text
            },
        }
    }
}

/// The words a full-text engine is asked for: the labels' words, lower-case, without the
/// shortest and the commonest (which every profile has).
pub fn query_words(labels: &[String]) -> Vec<String> {
    const STOP: &[&str] = &["and", "the", "for", "des", "les", "pour", "dans", "with", "une", "aux", "sur", "par"];
    let mut words: Vec<String> = Vec::new();
    for label in labels {
        for word in label.split(|c: char| !c.is_alphanumeric()) {
            let word = word.to_lowercase();
            if word.chars().count() >= 3 && !STOP.contains(&word.as_str()) && !words.contains(&word) {
                words.push(word);
            }
        }
    }
    words
}
