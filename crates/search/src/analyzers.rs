//! How text is cut into terms: lower case, accents folded, stop words dropped, and stemmed, in
//! English and in French. Folding comes before stemming so that "infirmiere" and "infirmière"
//! give the same stem.

use crate::schema::{EN, FR};
use tantivy::Index;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
};

fn analyzer(language: Language) -> TextAnalyzer {
    let stop_words = StopWordFilter::new(language).unwrap_or_else(|| StopWordFilter::remove(Vec::<String>::new()));
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(stop_words)
        .filter(Stemmer::new(language))
        .build()
}

pub fn register(index: &Index) {
    index.tokenizers().register(EN, analyzer(Language::English));
    index.tokenizers().register(FR, analyzer(Language::French));
}

/// The terms `text` gives in an analyser (for query expansion and tests).
pub fn terms(index: &Index, name: &str, text: &str) -> Vec<String> {
    let Some(mut analyzer) = index.tokenizers().get(name) else { return vec![] };
    let mut stream = analyzer.token_stream(text);
    let mut terms = Vec::new();
    while let Some(token) = stream.next() {
        terms.push(token.text.clone());
    }
    terms
}
