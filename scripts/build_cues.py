#!/usr/bin/env python3
"""Builds data/quotes/cues.tsv: cue words with a class and a weight.

Candidates: the reporting-verb lists in ../shared/data/lexicons/reporting_verbs plus words that
head PolNeAR *train* cues. Weight = how often the word, when it is not inside a claim's content,
is part of a gold cue in PolNeAR train, add-one smoothed: (cue + 1) / (n + 2). Words seen fewer
than 4 times take the prior when they come from a reporting-verb list. Nouns, adjectives and
adverbs are dropped (EXCLUDE). Only the train split is read.

Usage: python3 scripts/build_cues.py ../shared > data/quotes/cues.tsv
"""
import collections, os, re, sys

shared = sys.argv[1] if len(sys.argv) > 1 else '../shared'
sys.path.insert(0, os.path.join(shared, 'eval'))
import score_polnear as sp  # noqa: E402

EXCLUDE = set("""
to of a on is for in the also has have about was are not been had out with an be his against
will were did made would no up by first long so only can could may might must should shall
their her it its this that more over off from as at and or but if then than when while who
which what where why how one two all new still just even now back time clear trump campaign
statement criticism question questions interview view concerns passion advice rejection length
originally suddenly strongly repeatedly publicly widely reportedly openly explicitly seemingly
enthusiastically favorably derisively squarely jokingly pointedly loudly forcefully consistently
formally officially evenly specifically initially frequently increasingly immediately quickly
directly overwhelmingly aggressively similarly sharply privately previously recently later
again already once often never down went put look took cast laid attention message point
focus focused speech attack attacks debate vote twitter tuesday monday wednesday thursday friday
saturday sunday week case like most into all used sent gave spoke talk talks talking
support supports aware guilty willing reluctant eager confident proud happy glad upset
angry nervous wary vocal outspoken skeptical hopeful optimistic supportive interested impressed
inclined concerned convinced determined surprised shocked scared disappointed obvious unclear
harsh quick fun anxiety desire sentiment tribute notion contention consensus speculation
assertion assumption belief inclination suggestion description critique complaints allegations
accusations disclosure admission refusal endorsement opposition stance reference proposal
proposals positions idea argument arguments requests word mind recognition confidence concern
demands demand footage reads titled chants known seen shown written viewed regarded considered
named listed measured required designed sponsored dedicated authorized covered struck provided
renewed introduced adopted signed fired hired delivered filed released issued passed voted
favorable posts priority stuck tend doesn't didn't don't aren't wouldn't am impassioned
adamant admiration allegiance anxieties critic defender earliest insistence keen proponent
prediction robocall sick sober stern substantive takeaway thoughts unified unnoticed
sympathetic whipping disagreement disagreements criticisms implication suggestions sights
swipes rousing troubling broadside lining mounted mounting assurances thrilled outraged
references statements quotes releases sights dig rave raves raving cry
""".split())
# Manner-of-speaking verbs that attribute quotations in news text but are too rare in PolNeAR
# train to be weighed there; they take the prior weight.
EXTRA = set('''
scoffed quipped snapped retorted fumed sighed laughed mused cracked gushed marveled
cried whispered muttered chuckled grumbled growled barked bellowed boomed deadpanned
reasoned recounted pleaded groused griped thundered declared scolded insisted
'''.split())
TELL = {'told', 'tell', 'tells', 'telling', 'reminded', 'reminding', 'assured', 'assuring',
        'informed', 'informing', 'notified', 'promised'}
ACC = {'according'}

def main():
    docs = sp.load_split(os.path.join(shared, 'data/polnear/train'))
    occ = collections.Counter(); head = collections.Counter(); inside = collections.Counter()
    for _stem, (text, gold) in docs.items():
        lab = {}
        for g in gold:
            for key in ('content', 'cue'):
                for a, b in g[key] or []:
                    for i in range(a, b):
                        lab[i] = key
        for m in re.finditer(r"\w+(?:[’']\w+)*", text):
            w = m.group().lower().replace('’', "'")
            occ[w] += 1
            l = lab.get(m.start())
            if l == 'cue':
                head[w] += 1
            elif l == 'content':
                inside[w] += 1
    lists = set()
    d = os.path.join(shared, 'data/lexicons/reporting_verbs')
    for f in sorted(os.listdir(d)):
        if f.endswith('.txt'):
            with open(os.path.join(d, f), encoding='utf-8') as fh:
                lists |= {l.strip().lower() for l in fh if l.strip() and not l.startswith('#')}
    print('# cue word\tclass\tweight   (generated by scripts/build_cues.py; see data/quotes/README.md)')
    print('# class: v = verb, ing = participle, tell = verb whose object is the addressee (told, telling), acc = according')
    rows = []
    lists |= EXTRA
    for w in sorted(set(head) | lists):
        if w in EXCLUDE or w.endswith('ly') or not re.fullmatch(r"[a-z]+(?:-[a-z]+)?", w):
            continue
        n = occ[w] - inside[w]
        if n >= 4:
            weight = (head[w] + 1.0) / (n + 2.0)
        elif w in lists:
            weight = 0.6 if w in EXTRA else 0.55
        else:
            continue
        if head[w] < 2 and w not in lists:
            continue
        if weight < 0.3:
            continue
        cls = 'acc' if w in ACC else 'tell' if w in TELL else 'ing' if w.endswith('ing') else 'v'  # noqa
        rows.append((w, cls, weight))
    for w, cls, weight in rows:
        print(f'{w}\t{cls}\t{weight:.2f}')

if __name__ == '__main__':
    main()
