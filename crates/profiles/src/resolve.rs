//! Finding the taxonomy entry of each skill an expert lists: by ESCO URI when given, else by
//! any label in any language (accents and case aside). Loaded once, then used for a whole
//! import without a query per skill.

use crate::input::Checked;
use passerelle_db::Db;
use passerelle_taxonomy::{SkillId, normalize};
use std::collections::HashMap;

#[derive(Debug, Default, Clone)]
pub struct SkillResolver {
    by_label: HashMap<String, (SkillId, (bool, bool))>,
    by_uri: HashMap<String, SkillId>,
}

impl SkillResolver {
    pub async fn load(db: &Db) -> Result<SkillResolver, sqlx::Error> {
        let mut resolver = SkillResolver::default();
        for (id, _lang, label, preferred) in passerelle_taxonomy::all_labels(db).await?.rows {
            // A preferred label wins over a synonym, a curated skill over an imported one.
            let rank = (preferred, !id.as_str().starts_with("esco:"));
            let key = normalize(&label);
            match resolver.by_label.get(&key) {
                Some((_, existing)) if *existing >= rank => {}
                _ => {
                    resolver.by_label.insert(key, (id, rank));
                }
            }
        }
        resolver.by_uri = passerelle_taxonomy::esco_uris(db).await?.into_iter().map(|(id, uri)| (uri, id)).collect();
        Ok(resolver)
    }

    pub fn find(&self, label: &str, uri: Option<&str>) -> Option<SkillId> {
        uri.and_then(|u| self.by_uri.get(u.trim()))
            .or_else(|| self.by_label.get(&normalize(label)).map(|(id, _)| id))
            .cloned()
    }

    /// Sets the taxonomy entry of every skill that has one.
    pub fn resolve(&self, checked: &mut Checked) {
        for (skill, uri) in checked.data.skills.iter_mut().zip(&checked.skill_uris) {
            skill.skill = self.find(&skill.label, uri.as_deref());
        }
    }
}
