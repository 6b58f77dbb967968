#!/usr/bin/python3
"""Evaluates the expressions of case files with Ansible's own templating (Debian's ansible-core).

Usage: ansible_oracle.py CASES.yaml...  prints one JSON object: {file: {expression: result}}, where
a result is {"value": V, "type": "int"} or {"error": "message"}. The value is the expression's
native value (as a task argument holding only this expression receives it), captured before
Ansible's text conversion; generators become lists.
"""
import json
import sys
import types

import yaml
from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar


def plain(v):
    if isinstance(v, types.GeneratorType):
        v = list(v)
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if v is None or isinstance(v, (bool, int, float)):
        return v
    if isinstance(v, str):
        return str(v)
    return 'PYTHON ' + type(v).__name__ + ': ' + str(v)


def kind(v):
    for name, t in (('bool', bool), ('int', int), ('float', float), ('str', str), ('dict', dict)):
        if isinstance(v, t):
            return name
    if isinstance(v, (list, tuple, types.GeneratorType)):
        return 'list'
    return type(v).__name__


def evaluate(loader, variables, expression):
    captured = []
    scope = dict(variables)
    scope['provision_capture'] = lambda value: captured.append(value) or ''
    try:
        Templar(loader=loader, variables=scope).template('{{ provision_capture(' + expression + ') }}')
        return {'value': plain(captured[0]), 'type': kind(captured[0])}
    except Exception as e:  # what Ansible refuses, the case expects Provision to refuse too
        return {'error': type(e).__name__ + ': ' + str(e).split('\n')[0][:300]}


def main():
    loader = DataLoader()
    out = {}
    for path in sys.argv[1:]:
        with open(path) as f:
            spec = yaml.safe_load(f)
        variables = spec.get('vars') or {}
        results = {}
        for case in spec['cases']:
            expression = case if isinstance(case, str) else case['expr']
            results[expression] = evaluate(loader, variables, expression)
        out[path.rsplit('/', 1)[-1]] = results
    print(json.dumps(out, indent=1, sort_keys=True))


if __name__ == '__main__':
    main()
