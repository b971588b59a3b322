//! Finding the taxonomy entry of each skill an expert lists: by ESCO URI when given, else
//! through the taxonomy's linker (any label in either language, gender, plural, spelling, word
//! order, typos), taken only when the linker is sure; otherwise the skill stays free text.
//! Built from a taxonomy held in memory, so that an import or an API call links without a
//! query per skill.

use crate::input::Checked;
use passerelle_db::Db;
use passerelle_taxonomy::{SkillId, Taxonomy};
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Debug, Clone, Default)]
pub struct SkillResolver {
    taxonomy: Arc<Taxonomy>,
    by_uri: HashMap<String, SkillId>,
}

impl SkillResolver {
    /// Loads the taxonomy from the database (a command-line import; a server shares its
    /// cached taxonomy through [`SkillResolver::of`]).
    pub async fn load(db: &Db) -> Result<SkillResolver, sqlx::Error> {
        Ok(SkillResolver::of(Arc::new(Taxonomy::load(db).await?)))
    }

    pub fn of(taxonomy: Arc<Taxonomy>) -> SkillResolver {
        let by_uri = taxonomy.skills().filter_map(|s| s.esco_uri.clone().map(|uri| (uri, s.id.clone()))).collect();
        SkillResolver { taxonomy, by_uri }
    }

    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    pub fn find(&self, label: &str, uri: Option<&str>) -> Option<SkillId> {
        if let Some(found) = uri.and_then(|u| self.by_uri.get(u.trim())) {
            return Some(found.clone());
        }
        self.taxonomy.linker.best(label).map(|link| link.skill)
    }

    /// Sets the taxonomy entry of every skill that has one.
    pub fn resolve(&self, checked: &mut Checked) {
        for (skill, uri) in checked.data.skills.iter_mut().zip(&checked.skill_uris) {
            skill.skill = self.find(&skill.label, uri.as_deref());
        }
    }
}
