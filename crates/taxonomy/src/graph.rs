//! Relations between skills: broader and narrower (a skill is a kind of another: TIG welding is
//! welding), and related (close enough to stand in partly: intensive care and critical-care
//! nursing). Matching gives a holder of a close skill a share of a skill's points and says
//! which skill stood in for which.

use crate::store::SkillId;
use serde::Serialize;
use std::collections::HashMap;

/// How the skill someone holds stands to the skill that is wanted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Closeness {
    /// More specific than what is wanted (wanted welding, holds TIG welding).
    Narrower,
    /// Close, neither kind of the other.
    Related,
    /// More general than what is wanted (wanted TIG welding, holds welding).
    Broader,
}

impl Closeness {
    pub fn code(self) -> &'static str {
        match self {
            Closeness::Narrower => "narrower",
            Closeness::Related => "related",
            Closeness::Broader => "broader",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Graph {
    broader: HashMap<SkillId, Vec<SkillId>>,
    narrower: HashMap<SkillId, Vec<SkillId>>,
    related: HashMap<SkillId, Vec<SkillId>>,
}

/// A relation as stored: `skill` is narrower than, or related to, `other`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Relation {
    Broader { skill: SkillId, broader: SkillId },
    Related(SkillId, SkillId),
}

impl Graph {
    pub fn new(relations: impl IntoIterator<Item = Relation>) -> Graph {
        let mut graph = Graph::default();
        let add = |map: &mut HashMap<SkillId, Vec<SkillId>>, from: &SkillId, to: &SkillId| {
            let list = map.entry(from.clone()).or_default();
            if from != to && !list.contains(to) {
                list.push(to.clone());
            }
        };
        for relation in relations {
            match relation {
                Relation::Broader { skill, broader } => {
                    add(&mut graph.broader, &skill, &broader);
                    add(&mut graph.narrower, &broader, &skill);
                }
                Relation::Related(a, b) => {
                    add(&mut graph.related, &a, &b);
                    add(&mut graph.related, &b, &a);
                }
            }
        }
        graph
    }

    /// The skills that may stand in for `wanted`, with how each stands to it: its narrower
    /// skills (and theirs), its related skills, its broader skill. Never `wanted` itself.
    pub fn close(&self, wanted: &SkillId) -> Vec<(SkillId, Closeness)> {
        let mut found: Vec<(SkillId, Closeness)> = Vec::new();
        let mut push = |skill: &SkillId, closeness: Closeness| {
            if skill != wanted && !found.iter().any(|(s, _)| s == skill) {
                found.push((skill.clone(), closeness));
            }
        };
        let list = |map: &HashMap<SkillId, Vec<SkillId>>, skill: &SkillId| map.get(skill).cloned().unwrap_or_default();
        for narrower in list(&self.narrower, wanted) {
            push(&narrower, Closeness::Narrower);
            for deeper in list(&self.narrower, &narrower) {
                push(&deeper, Closeness::Narrower);
            }
        }
        for related in list(&self.related, wanted) {
            push(&related, Closeness::Related);
        }
        for broader in list(&self.broader, wanted) {
            push(&broader, Closeness::Broader);
        }
        found
    }

    /// How many relations the graph holds (each related pair once).
    pub fn len(&self) -> usize {
        self.broader.values().map(Vec::len).sum::<usize>() + self.related.values().map(Vec::len).sum::<usize>() / 2
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> SkillId {
        SkillId::parse(s).unwrap()
    }

    #[test]
    fn narrower_related_and_broader_skills_stand_in() {
        let graph = Graph::new([
            Relation::Broader { skill: id("tig-welding"), broader: id("welding") },
            Relation::Broader { skill: id("mig-welding"), broader: id("welding") },
            Relation::Broader { skill: id("orbital-tig"), broader: id("tig-welding") },
            Relation::Related(id("welding"), id("metal-fabrication")),
            Relation::Related(id("welding"), id("welding")),
        ]);
        let close = graph.close(&id("welding"));
        assert!(close.contains(&(id("tig-welding"), Closeness::Narrower)));
        assert!(close.contains(&(id("orbital-tig"), Closeness::Narrower)), "two levels down");
        assert!(close.contains(&(id("metal-fabrication"), Closeness::Related)));
        assert!(!close.iter().any(|(s, _)| *s == id("welding")));
        assert_eq!(
            graph.close(&id("tig-welding")),
            vec![(id("orbital-tig"), Closeness::Narrower), (id("welding"), Closeness::Broader)]
        );
        assert_eq!(graph.close(&id("metal-fabrication")), vec![(id("welding"), Closeness::Related)]);
        assert_eq!(graph.len(), 4);
    }
}
