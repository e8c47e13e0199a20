"""The forms an article comes in, one module each; `verifier.articles` picks by suffix.

- `frontmatter`: text (``.txt``, ``.md``) with an optional YAML front-matter block;
- `html`: saved web pages (``.html``, ``.htm``), main text by trafilatura (optional extra);
- `jsonl`: JSON Lines corpora (``.jsonl``, ``.jsonl.gz``), one article per line, streamed;
- `encoding`: bytes to text, UTF-8 or an encoding detected by charset-normalizer;
- `fields`: metadata field names and their synonyms, source ids, dates.
"""
