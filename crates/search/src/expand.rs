//! Skill synonyms by query expansion (tantivy has no synonym filter): any label of the
//! taxonomy, in either language and either gender, found in what someone typed, brings in its
//! skill, so that "infirmière anesthésiste" finds a profile written as "nurse anaesthetist".

use passerelle_db::Db;
use passerelle_taxonomy::{SkillId, normalize};
use std::collections::HashMap;

/// Words shorter than this ("de", "and", "des") never bring in a skill on their own.
const MIN_WORD: usize = 4;
/// A word in the labels of more skills than this says too little to bring any in.
const MAX_SKILLS_PER_WORD: usize = 6;

#[derive(Debug, Default, Clone)]
pub struct Expander {
    by_label: HashMap<String, SkillId>,
    /// Preferred labels of each skill (English, French), for expanding text queries.
    preferred: HashMap<SkillId, Vec<String>>,
    /// The skills whose labels contain each word, for words in few labels only.
    by_word: HashMap<String, Vec<SkillId>>,
    longest: usize,
}

impl Expander {
    pub async fn load(db: &Db) -> Result<Expander, passerelle_db::sqlx::Error> {
        let mut expander = Expander::default();
        let mut ranks: HashMap<String, (bool, bool)> = HashMap::new();
        for (id, _lang, label, preferred) in passerelle_taxonomy::all_labels(db).await?.rows {
            let key = normalize(&label);
            let rank = (preferred, !id.as_str().starts_with("esco:"));
            for word in key.split(' ').filter(|w| w.chars().count() >= MIN_WORD) {
                let skills = expander.by_word.entry(word.to_owned()).or_default();
                if !skills.contains(&id) {
                    skills.push(id.clone());
                }
            }
            if ranks.get(&key).is_none_or(|r| *r < rank) {
                ranks.insert(key.clone(), rank);
                expander.longest = expander.longest.max(key.split(' ').count());
                expander.by_label.insert(key, id.clone());
            }
            if preferred {
                expander.preferred.entry(id).or_default().push(label);
            }
        }
        expander.by_word.retain(|_, skills| skills.len() <= MAX_SKILLS_PER_WORD);
        Ok(expander)
    }

    /// The skills whose labels appear in `text` (longest labels first, without overlaps).
    pub fn skills_in(&self, text: &str) -> Vec<SkillId> {
        let normalized = normalize(text);
        let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
        let mut found: Vec<SkillId> = Vec::new();
        let mut start = 0;
        while start < words.len() {
            let mut matched = 0;
            for length in (1..=self.longest.min(words.len() - start)).rev() {
                if let Some(id) = self.by_label.get(&words[start..start + length].join(" ")) {
                    if !found.contains(id) {
                        found.push(id.clone());
                    }
                    matched = length;
                    break;
                }
            }
            start += matched.max(1);
        }
        found
    }

    /// The skills with a label containing one of the words of `text` (a word of few labels:
    /// "surgical" finds general surgery through "surgical procedures"; "management" finds
    /// nothing, being everywhere).
    pub fn skills_near(&self, text: &str) -> Vec<SkillId> {
        let mut found: Vec<SkillId> = Vec::new();
        for word in normalize(text).split(' ') {
            for id in self.by_word.get(word).map_or(&[][..], Vec::as_slice) {
                if !found.contains(id) {
                    found.push(id.clone());
                }
            }
        }
        found
    }

    pub fn preferred_labels(&self, skill: &SkillId) -> &[String] {
        self.preferred.get(skill).map_or(&[], Vec::as_slice)
    }
}
