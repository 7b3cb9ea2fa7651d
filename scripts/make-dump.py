#!/usr/bin/env python3
"""Writes a large JSON Lines dump of news articles for scaling and memory runs (not committed).

Usage: scripts/make-dump.py --bytes 1G [--source ../shared/data/polnear] > /tmp/dump.jsonl

Cycles over the PolNeAR article texts (or data/samples/ when the source is absent), giving
each record a unique id and rotating its paragraphs so that records differ.
"""
import argparse, glob, json, os, sys

def size(s):
    units = {'K': 1 << 10, 'M': 1 << 20, 'G': 1 << 30}
    return int(float(s[:-1]) * units[s[-1].upper()]) if s[-1].upper() in units else int(s)

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument('--bytes', required=True, type=size)
    ap.add_argument('--source', default=os.path.join(here, '..', '..', 'shared', 'data', 'polnear'))
    a = ap.parse_args()
    files = sorted(glob.glob(os.path.join(a.source, '*', 'text', '*.txt')))
    if not files:
        print(f'note: no texts under {a.source}; using data/samples', file=sys.stderr)
        files = sorted(glob.glob(os.path.join(here, '..', 'data', 'samples', 'articles', '*.txt')))
    texts = [open(f, encoding='utf-8', newline='').read() for f in files]
    out, written, i = sys.stdout, 0, 0
    while written < a.bytes:
        t = texts[i % len(texts)]
        paras = t.split('\n\n')
        k = (i // len(texts)) % max(1, len(paras))
        text = '\n\n'.join(paras[k:] + paras[:k])
        line = json.dumps({'id': f'doc-{i}', 'text': text}, ensure_ascii=False) + '\n'
        out.write(line)
        written += len(line.encode('utf-8'))
        i += 1
    print(f'{i} records, {written} bytes', file=sys.stderr)

if __name__ == '__main__':
    main()
