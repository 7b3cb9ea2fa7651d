"""Label sets and the case class of a word piece: what the Rust side must match, without torch.

Must match `src/transformer/case.rs` and the label constants in `src/transformer/mod.rs`;
`golden_vectors.py` writes the committed vectors that the Rust tests check.
"""

# Token type ids carry the case class of each word piece (see case_class); the base model's
# two token-type rows become CASE_CLASSES rows, all initialised from row 0.
CASE_CLASSES = 5
NER_LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
ATTRIBUTION_ROLES = ["source", "cue", "content"]  # each role has its own O/B/I column triple


def case_class(piece: str) -> int:
    """0: no letters, 1: lower, 2: Capitalised (or a lone capital), 3: UPPER, 4: mixed."""
    letters = [c for c in piece if c.isalpha()]
    if not letters:
        return 0
    if all(c.islower() for c in letters):
        return 1
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return 2
    if all(c.isupper() for c in letters):
        return 3
    return 4
