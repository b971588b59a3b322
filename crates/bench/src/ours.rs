//! Passerelle's own figures: the index rebuilt from the database, the matcher's latency over
//! the request set, and the time from a database commit to the change being searchable.

use crate::Args;
use crate::corpus::Corpus;
use crate::report::{Latencies, Measured, Ours, dir_size};
use crate::requests::Request;
use passerelle_profiles::consent::Source;
use passerelle_profiles::resolve::SkillResolver;
use passerelle_profiles::service::{self, Target};
use passerelle_profiles::store;
use passerelle_search::{Indexer, Rebuild, Scoring, Search, SearchIndex};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub async fn measure(corpus: &Corpus, requests: &[Request], args: &Args) -> anyhow::Result<Ours> {
    let dir = corpus.dir.join("index");
    let (index, _) = SearchIndex::open(&dir)?;
    let index = Arc::new(index);
    let mut indexer = Indexer::new(index.clone(), corpus.db.clone()).await?;
    let started = Instant::now();
    let indexed = indexer.rebuild(&Rebuild::Asked, &mut |_, _| {}).await?;
    let index_rate = indexed as f64 / started.elapsed().as_secs_f64();
    eprintln!("bench: index rebuilt from the database, {indexed} profiles at {index_rate:.0}/s");
    // The match is measured on the index as it stays: its segments merged (in the background
    // in a server, where the index answers meanwhile).
    let merging = Instant::now();
    if indexer.merged().await {
        eprintln!("bench: segments merged in {:.1} s", merging.elapsed().as_secs_f64());
    }
    let size = dir_size(&dir);

    let taxonomy = Arc::new(passerelle_taxonomy::TaxonomyCache::new());
    let search = Arc::new(Search::new(index.clone(), taxonomy, Scoring::default(), time::Duration::days(182)));
    let (latencies, tops, answered) = {
        let search = search.clone();
        let criteria: Vec<_> = requests.iter().map(|r| r.criteria.clone()).collect();
        let (passes, limit) = (args.passes.max(2), args.limit);
        tokio::task::spawn_blocking(move || -> anyhow::Result<_> {
            let mut latencies = Latencies::default();
            let mut tops = vec![Vec::new(); criteria.len()];
            let mut slowest = vec![Duration::ZERO; criteria.len()];
            for pass in 0..passes {
                for (i, c) in criteria.iter().enumerate() {
                    let t0 = Instant::now();
                    let found = search.matches(c, limit)?;
                    let elapsed = t0.elapsed();
                    if pass > 0 {
                        latencies.0.push(elapsed);
                        slowest[i] = slowest[i].max(elapsed);
                    } else {
                        tops[i] = found.iter().map(|r| r.id.to_string()).collect();
                    }
                }
            }
            slow_requests(&criteria, &slowest);
            let answered = tops.iter().filter(|t| !t.is_empty()).count();
            Ok((latencies, tops, answered))
        })
        .await??
    };
    eprintln!("bench: matcher p99 {:?}", latencies.percentile(0.99));

    let write_to_searchable = write_latency(corpus, indexer, &index).await?;
    Ok(Ours { measured: Measured { index_rate, size, latencies, tops, answered }, write_to_searchable })
}

/// Names the requests whose slowest pass was slowest, with what they ask: where the tail of
/// the matcher's latency comes from.
fn slow_requests(criteria: &[passerelle_search::Criteria], slowest: &[Duration]) {
    let mut order: Vec<usize> = (0..criteria.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(slowest[i]));
    for &i in order.iter().take(5) {
        let c = &criteria[i];
        let close: usize = c.wanted().map(|(_, w)| w.close.len()).sum();
        let in_words = c.wanted().filter(|(_, w)| w.skill.is_none()).count();
        eprintln!(
            "bench: slow request #{i}: {:.2} ms; {} must, {} nice ({in_words} in words, {close} close), {} languages, {:?}, limits {}",
            slowest[i].as_secs_f64() * 1000.0,
            c.must.len(),
            c.nice.len(),
            c.languages.len(),
            c.mode,
            c.limits.is_some(),
        );
    }
}

/// Changes profiles one at a time while the indexer follows the change log, and times each
/// from the database commit to the change being searchable.
async fn write_latency(corpus: &Corpus, indexer: Indexer, index: &Arc<SearchIndex>) -> anyhow::Result<Latencies> {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let follower = tokio::spawn(indexer.run(stopped));
    let resolver = SkillResolver::load(&corpus.db).await?;
    let ids = store::ids_after(&corpus.db, None, 50).await?;
    let mut latencies = Latencies::default();
    for (n, id) in ids.iter().enumerate() {
        let Some(profile) = store::load(&corpus.db, *id).await? else { continue };
        let mut input = service::input_of(&profile);
        input.headline = Some(format!("Updated headline {n}"));
        let checked = service::check(&input, &resolver).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let mut tx = corpus.db.begin().await?;
        service::write(&mut tx, &checked, Target::Existing(*id), None, Source::Api)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let seq = tx.commit().await?.unwrap_or_default();
        let t0 = Instant::now();
        tokio::time::timeout(Duration::from_secs(10), index.wait_for(seq)).await?;
        latencies.0.push(t0.elapsed());
    }
    let _ = stop.send(true);
    follower.await?;
    Ok(latencies)
}
