//! How text is cut into terms: lower case, accents folded, stop words dropped, and stemmed, in
//! English and in French. Folding comes before stemming so that "infirmiere" and "infirmière"
//! give the same stem.

use crate::schema::{EN, FR};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use tantivy::Index;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, StopWordFilter, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};

fn analyzer(language: Language, algorithm: frostem::Algorithm) -> TextAnalyzer {
    let stop_words = StopWordFilter::new(language).unwrap_or_else(|| StopWordFilter::remove(Vec::<String>::new()));
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(stop_words)
        .filter(RememberingStemmer { algorithm })
        .build()
}

pub fn register(index: &Index) {
    index.tokenizers().register(EN, analyzer(Language::English, frostem::Algorithm::English));
    index.tokenizers().register(FR, analyzer(Language::French, frostem::Algorithm::French));
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

/// Words remembered by one analyser before it starts afresh (a few MiB at most).
const REMEMBERED: usize = 100_000;

/// The Snowball stemmer, remembering the stems it has computed. Profiles repeat the same few
/// thousand words, and stemming was the largest cost of indexing; each indexing thread has its
/// own analyser, so the memory needs no lock. The memory uses the compiler's fast hash, not a
/// keyed one: words chosen to collide could at worst slow one analyser until it starts afresh
/// at `REMEMBERED` words, and a profile's fields are bounded.
#[derive(Clone)]
struct RememberingStemmer {
    algorithm: frostem::Algorithm,
}

impl TokenFilter for RememberingStemmer {
    type Tokenizer<T: Tokenizer> = RememberingStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> RememberingStemmerFilter<T> {
        RememberingStemmerFilter { algorithm: self.algorithm, stems: FxHashMap::default(), inner }
    }
}

#[derive(Clone)]
struct RememberingStemmerFilter<T> {
    algorithm: frostem::Algorithm,
    stems: FxHashMap<String, String>,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for RememberingStemmerFilter<T> {
    type TokenStream<'a> = RememberingStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.stems.len() > REMEMBERED {
            self.stems.clear();
        }
        let RememberingStemmerFilter { algorithm, stems, inner } = self;
        RememberingStemmerStream { tail: inner.token_stream(text), stemmer: frostem::Stemmer::new(*algorithm), stems }
    }
}

struct RememberingStemmerStream<'a, T> {
    tail: T,
    stemmer: frostem::Stemmer,
    stems: &'a mut FxHashMap<String, String>,
}

impl<T: TokenStream> TokenStream for RememberingStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.stems.get(&token.text) {
            token.text.clone_from(stem);
        } else {
            let stem = match self.stemmer.stem(&token.text) {
                Cow::Owned(stem) => stem,
                Cow::Borrowed(stem) => stem.to_owned(),
            };
            let word = std::mem::replace(&mut token.text, stem.clone());
            self.stems.insert(word, stem);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_stems_are_the_stemmers_own() {
        let (schema, _) = crate::schema::build();
        let index = Index::create_in_ram(schema);
        register(&index);
        let text = "Infirmières anesthésistes formant les infirmières; nurses training nurses";
        let plain = |algorithm| {
            let stemmer = frostem::Stemmer::new(algorithm);
            move |word: &str| stemmer.stem(word).into_owned()
        };
        let stems = |analyzer: &mut TextAnalyzer| {
            let mut stream = analyzer.token_stream(text);
            let mut terms = Vec::new();
            while let Some(token) = stream.next() {
                terms.push(token.text.clone());
            }
            terms
        };
        let (mut fr, mut en) = (index.tokenizers().get(FR).unwrap(), index.tokenizers().get(EN).unwrap());
        // Twice through the same analysers: the second time every stem comes from memory.
        for _ in 0..2 {
            let terms = stems(&mut fr);
            assert_eq!(terms[0], plain(frostem::Algorithm::French)("infirmieres"));
            assert_eq!(terms[0], terms[3], "the same word gives the same stem");
            assert!(stems(&mut en).contains(&plain(frostem::Algorithm::English)("nurses")));
        }
    }
}
