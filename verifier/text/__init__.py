"""Text analysis: the reading layer every checker stands on.

- `nlp`: the spaCy pipeline built from ``spacy.blank("en")`` (tokenizer, sentencizer,
  sentence-boundary fix-ups, folding lemmatizer on spacy-lookups-data);
- `matching`: one-pass matching of every claim term and lexicon cue;
- `numbers`: number mentions read as intervals, with units and vagueness;
- `scope`: negation, hedges, request frames and other times around a word;
- `reading`: one article as the checkers see it (sentences, matches, numbers, dates).
"""
