//! Skill synonyms by query expansion (tantivy has no synonym filter): what someone types into
//! the roster search is read by the taxonomy's linker, and the skills it names bring in their
//! experts, so that "infirmière anesthésiste" finds a profile written as "nurse anaesthetist".

use passerelle_db::Db;
use passerelle_taxonomy::{SkillId, Taxonomy};
use std::sync::Arc;

/// Below this confidence, a skill the linker finds for a text is not worth a search term.
const NEAR: f32 = 0.5;
/// At most this many skills come in for a text without naming one in full.
const MAX_NEAR: usize = 6;

#[derive(Debug, Default, Clone)]
pub struct Expander {
    taxonomy: Arc<Taxonomy>,
}

impl Expander {
    pub fn of(taxonomy: Arc<Taxonomy>) -> Expander {
        Expander { taxonomy }
    }

    pub async fn load(db: &Db) -> Result<Expander, passerelle_db::sqlx::Error> {
        Ok(Expander::of(Arc::new(Taxonomy::load(db).await?)))
    }

    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// The skills whose labels appear in `text` (longest labels first, without overlaps).
    pub fn skills_in(&self, text: &str) -> Vec<SkillId> {
        let mut found: Vec<SkillId> = Vec::new();
        for span in self.taxonomy.linker.find_in(text) {
            if !found.contains(&span.skill) {
                found.push(span.skill);
            }
        }
        found
    }

    /// Skills close to what `text` says without naming them in full ("surgical" finds general
    /// surgery through "surgical procedures"); a word every other skill uses finds nothing.
    pub fn skills_near(&self, text: &str) -> Vec<SkillId> {
        self.taxonomy
            .linker
            .link(text)
            .into_iter()
            .filter(|l| l.confidence >= NEAR)
            .take(MAX_NEAR)
            .map(|l| l.skill)
            .collect()
    }
}
