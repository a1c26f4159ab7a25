#!/usr/bin/python3
"""check-gen.py - validate a directory written by tests/bench/gen.

    check-gen.py [--pcre2 HELPER] [--calendar FILE] [--sample N] SCALE YEAR DIR

Checks every file against gridkit(7) ("Columns") and against the shape the
scale promises (counts of grids per depth, cadres, households, issues,
rules), the codes (division-code ranges, extension of the parent's code),
the resident ID numbers (real address prefix, real date, sex digit, ISO 7064
MOD 11-2 check digit, uniqueness), the references between files, and the
statistics the generator aims at.  Prints "ok - ..." or "not ok - ..." per
check and a few figures, and exits 1 if any check failed.

With --pcre2, the routing of the issues by the rules is computed twice, by
Python's re and by PCRE2 (with and without PCRE2_UTF), and must agree.
"""

import collections
import csv
import datetime
import os
import re
import subprocess
import sys

HEADERS = {
    "levels": "depth,name,hours",
    "units": "code,name",
    "grids": "code,name,parent,leader",
    "cadres": "code,name,unit,grid,phone,status",
    "households": "code,head,grid,id_number,phone,address,members,tags",
    "rules": "order,category,pattern,unit,assist,hours",
    "issues": "household,grid,category,text,source,reporter,private,"
              "filed_at,ref",
}

SCALES = {
    # root, province, units, depth counts, cadres, households, rules, issues
    "district": ("371399", "山东省", 10, {1: 1, 2: 3, 3: 6, 4: 24},
                 65, 2000, 20, 300),
    "county": ("371323", "山东省", 24, {1: 1, 2: 20, 3: 135, 4: 1040},
               10180, 337000, 200, 35489),
    "city": ("410100", "河南省", 40, {1: 1, 2: 186, 3: 2681, 4: 20000},
             45388, 3500000, 200, 1000000),
}

# real county-level codes the generator may use as ID address prefixes
# (371399 is the invented example county)
REAL_PREFIXES = set("""
371302 371311 371312 371321 371322 371323 371324 371325 371326 371327
371328 371329 371399
410102 410103 410104 410105 410106 410108 410122 410181 410182 410183
410184 410185 410302 410402 410502 410702 410802 411002 411102 411302
411402 411502 411602 411702
""".split())

TAGS = ["低保", "独居老人", "残疾", "退役军人", "留守儿童", "五保"]
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-\d{7,8}$")

failed = 0


def check(cond, what):
    global failed
    if cond:
        print("ok - %s" % what)
    else:
        failed += 1
        print("not ok - %s" % what)
    return cond


def note(what):
    print("# %s" % what)


def read(d, kind):
    path = os.path.join(d, kind + ".csv")
    raw = open(path, "rb").read()
    check(raw.endswith(b"\n") and b"\r" not in raw,
          "%s.csv: '\\n' line ends, no CR, ends with a newline" % kind)
    text = raw.decode("utf-8")  # strict: any bad byte fails loudly
    rows = list(csv.reader(text.splitlines(True), strict=True))
    check(",".join(rows[0]) == HEADERS[kind],
          "%s.csv: header is '%s'" % (kind, HEADERS[kind]))
    width = len(rows[0])
    check(all(len(r) == width for r in rows),
          "%s.csv: every row has %d fields" % (kind, width))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def id_ok(s, year):
    """why an ID number is bad, or None"""
    if not re.fullmatch(r"\d{17}[\dX]", s):
        return "not 17 digits and a check character"
    if s[:6] not in REAL_PREFIXES:
        return "unknown address prefix"
    try:
        born = datetime.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return "no such date"
    if not datetime.date(1935, 1, 1) <= born <= datetime.date(2005, 12, 31):
        return "born outside 1935-2005"
    if year - born.year < 18:
        return "head of household under 18"
    total = sum(int(c) * w for c, w in zip(s[:17], WEIGHTS))
    if "10X98765432"[total % 11] != s[17]:
        return "wrong check digit"
    return None


def share(n, d):
    return n / d if d else 0.0


def near(k, n, p):
    """k of n is what a rate of p would give: within three standard
    deviations and a point (300 issues are a small sample)"""
    return n and abs(k / n - p) <= 3 * (p * (1 - p) / n) ** 0.5 + 0.01


def main():
    args = sys.argv[1:]
    helper = calendar = None
    sample = 0
    while args and args[0].startswith("--"):
        opt = args.pop(0)
        if opt == "--pcre2":
            helper = args.pop(0)
        elif opt == "--calendar":
            calendar = args.pop(0)
        elif opt == "--sample":
            sample = int(args.pop(0))
        else:
            sys.exit("usage: check-gen.py [--pcre2 HELPER] [--calendar FILE]"
                     " [--sample N] SCALE YEAR DIR")
    scale, year, d = args[0], int(args[1]), args[2]
    root, province, nunits, depths, ncad, nhh, nrules, niss = SCALES[scale]
    leafdepth = max(depths)

    # levels and units
    levels = read(d, "levels")
    check(sorted(int(l["depth"]) for l in levels) == list(range(leafdepth + 1))
          and all(l["name"] and int(l["hours"]) > 0 for l in levels),
          "levels: depths 0..%d, each with a name and hours" % leafdepth)
    units = read(d, "units")
    ucodes = {u["code"] for u in units}
    check(len(units) == nunits and len(ucodes) == nunits
          and all(re.fullmatch(r"U\d\d", u["code"]) and u["name"]
                  for u in units),
          "units: %d unique codes U00, each with a name" % nunits)

    # grids
    grids = read(d, "grids")
    g = {}
    order_ok = True
    for r in grids:
        if r["parent"] and r["parent"] not in g:
            order_ok = False
        g[r["code"]] = r
    check(len(g) == len(grids), "grids: codes unique")
    check(order_ok, "grids: every parent exists and comes before its children")
    depth = {}
    for r in grids:
        p = r["parent"]
        depth[r["code"]] = depth[p] + 1 if p else 1
    roots = [r for r in grids if not r["parent"]]
    check(len(roots) == 1 and roots[0]["code"] == root,
          "grids: one root, %s" % root)
    children = collections.defaultdict(list)
    for r in grids:
        if r["parent"]:
            children[r["parent"]].append(r)
    leaves = {c for c in g if not children[c]}
    count = collections.Counter(depth.values())
    check(dict(count) == depths, "grids: per depth %s (got %s)"
          % (depths, dict(sorted(count.items()))))
    check(all(depth[c] == leafdepth for c in leaves),
          "grids: tree depth %d, every leaf at depth %d" % (leafdepth,
                                                           leafdepth))
    # division-code ranges: 001-099 street office, 100-199 town,
    # 200-399 township, 400-599 zones; 001-199 residents' committee,
    # 201-399 villagers' committee
    width = {2: 3, 3: 2 if scale != "city" else 3,
             4: 3 if scale != "city" else 2}
    bad = []
    for c, r in g.items():
        k = depth[c]
        if k == 1:
            if not re.fullmatch(r"\d{6}", c):
                bad.append(c)
            continue
        suf = c[len(r["parent"]):]
        if not c.startswith(r["parent"]) or not re.fullmatch(
                r"\d{%d}" % width[k], suf) or int(suf) == 0:
            bad.append(c)
            continue
        n, name = int(suf), r["name"]
        if k == 2:
            want = (range(1, 100) if name.endswith("街道") else
                    range(100, 200) if name.endswith("镇") else
                    range(200, 400) if name.endswith("乡") else
                    range(400, 600))
            if n not in want:
                bad.append(c)
        villages = 4 if scale != "city" else 3
        if k == villages:
            if name.endswith("社区") != (n < 200) or n == 200:
                bad.append(c)
            if not (name.endswith("社区") or name.endswith("村")):
                bad.append(c)
    check(not bad, "grids: codes extend the parent's by the right digits in "
          "the right range%s" % (" (bad: %s)" % bad[:5] if bad else ""))
    sib = [p for p, ch in children.items()
           if len({x["name"] for x in ch}) != len(ch)]
    check(not sib, "grids: names unique among siblings")

    def ancestors(c):
        while c:
            yield c
            c = g[c]["parent"]

    # cadres
    cadres = read(d, "cadres")
    cad = {r["code"]: r for r in cadres}
    check(len(cadres) == ncad and len(cad) == ncad
          and all(re.fullmatch(r"C\d{5}", c) for c in cad),
          "cadres: %d unique codes C00000 (got %d)" % (ncad, len(cadres)))
    check(all(r["unit"] in ucodes for r in cadres), "cadres: units exist")
    check(all(r["grid"] in g for r in cadres), "cadres: grids exist")
    check(all(r["status"] in ("active", "left") for r in cadres),
          "cadres: status active or left")
    check(all(not r["phone"] or MOBILE.match(r["phone"])
              or LANDLINE.match(r["phone"]) for r in cadres),
          "cadres: phones are mobiles, landlines or empty")
    left = sum(r["status"] == "left" for r in cadres)
    check(near(left, len(cadres), 0.02), "cadres: %.1f%% left (~2%%)"
          % (100 * share(left, len(cadres))))
    percad = collections.Counter(r["grid"] for r in cadres)

    # leaders
    lead_bad = [c for c, r in g.items() if r["leader"] and (
        r["leader"] not in cad or cad[r["leader"]]["grid"]
        not in set(ancestors(c)))]
    check(not lead_bad, "grids: every leader is a cadre of the grid or an "
          "ancestor")
    noleader = sum(not r["leader"] for r in grids)
    check(0 < noleader < 0.1 * len(grids),
          "grids: a few without a leader (%d)" % noleader)

    # households
    hh = read(d, "households")
    check(len(hh) == nhh, "households: %d rows (got %d)" % (nhh, len(hh)))
    hcodes = set()
    ids = set()
    bad_code = bad_id = bad_phone = bad_misc = 0
    why = collections.Counter()
    per = collections.Counter()
    seen_grids = []
    tags = collections.Counter()
    last = None
    for r in hh:
        c, gr = r["code"], r["grid"]
        if gr != last:
            seen_grids.append(gr)
            last = gr
        per[gr] += 1
        if (c in hcodes or gr not in leaves or not c.startswith(gr)
                or c[len(gr):] != "%04d" % per[gr]):
            bad_code += 1
        hcodes.add(c)
        w = id_ok(r["id_number"], year)
        if w is None and r["id_number"] in ids:
            w = "duplicate"
        if w:
            bad_id += 1
            why[w] += 1
        ids.add(r["id_number"])
        p = r["phone"]
        if p and not MOBILE.match(p) and not LANDLINE.match(p):
            bad_phone += 1
        t = r["tags"].split(";") if r["tags"] else []
        if (not r["head"] or not r["address"].startswith(province)
                or not 1 <= int(r["members"]) <= 7
                or any(x not in TAGS for x in t)
                or t != sorted(t, key=TAGS.index)):
            bad_misc += 1
        tags.update(t)
        if not t:
            tags[""] += 1
    check(bad_code == 0, "households: codes unique, grid code + 4-digit "
          "sequence 0001.., grid a leaf (%d bad)" % bad_code)
    check(len(seen_grids) == len(set(seen_grids)),
          "households: each grid's households contiguous")
    check(bad_id == 0, "households: every ID number unique, real prefix, "
          "real date 1935-2005, adult, right check digit (%d bad: %s)"
          % (bad_id, dict(why)))
    check(bad_phone == 0, "households: phones are mobiles, landlines or "
          "empty")
    check(bad_misc == 0, "households: head, address (%s...), members 1-7, "
          "known tags in order" % province)
    male = sum(int(r["id_number"][16]) % 2 for r in hh)
    check(0.5 < share(male, len(hh)) < 0.9,
          "households: %.0f%% male heads" % (100 * share(male, len(hh))))
    check(share(tags[""], len(hh)) > 0.75,
          "households: %.0f%% without tags"
          % (100 * share(tags[""], len(hh))))
    note("tags: " + ", ".join("%s %d" % (k, v) for k, v in tags.items()
                              if k))
    phones = collections.Counter(
        "mobile" if MOBILE.match(r["phone"]) else
        "landline" if r["phone"] else "empty" for r in hh)
    note("household phones: %s" % dict(phones))

    # pairing material: cadres of each leaf
    inhabited = [c for c in leaves if per[c]]
    bare = [c for c in inhabited if not percad[c]]
    empty = [c for c in leaves if not per[c]]
    nleaves = len(leaves)
    check(0 < len(bare) <= 1 + nleaves // 500,
          "cadres: %d inhabited leaves without a cadre of their own "
          "(pairing falls back on an ancestor's)" % len(bare))
    check(all(any(percad[a] for a in ancestors(g[c]["parent"]))
              for c in bare),
          "cadres: each of those has an ancestor with cadres")
    check(0 < len(empty) <= 1 + nleaves // 1000,
          "grids: %d leaves without households" % len(empty))
    leafcad = sum(percad[c] for c in leaves)
    note("households per cadre: %.1f overall, %.1f per cadre serving in a "
         "leaf (%d of %d cadres serve in leaves)"
         % (share(len(hh), len(cadres)), share(len(hh), leafcad), leafcad,
            len(cadres)))

    # rules
    rules = read(d, "rules")
    check(len(rules) == nrules
          and [int(r["order"]) for r in rules] == list(range(1, nrules + 1)),
          "rules: %d, ordered 1..%d" % (nrules, nrules))
    check(all(r["category"] or r["pattern"] for r in rules),
          "rules: each has a category or a pattern")
    check(all(r["unit"] in ucodes and all(
        a in ucodes for a in r["assist"].split(";") if r["assist"])
        and int(r["hours"]) > 0 for r in rules),
        "rules: units and assisting units exist, hours > 0")
    kinds = collections.Counter(
        ("c" if r["category"] else "") + ("p" if r["pattern"] else "")
        for r in rules)
    check(kinds["c"] and kinds["p"] and kinds["cp"],
          "rules: category-only %d, pattern-only %d, both %d"
          % (kinds["c"], kinds["p"], kinds["cp"]))
    compiled = []
    for r in rules:
        try:
            compiled.append(re.compile(r["pattern"]) if r["pattern"] else None)
        except re.error:
            compiled.append(False)
    check(False not in compiled, "rules: every pattern compiles (Python re)")

    # issues
    iss = read(d, "issues")
    check(len(iss) == niss, "issues: %d rows (got %d)" % (niss, len(iss)))
    workdays = holidays = set()
    if calendar:
        cal = list(csv.DictReader(open(calendar, encoding="utf-8")))
        workdays = {c["date"] for c in cal if c["kind"] == "workday"}
        holidays = {c["date"] for c in cal if c["kind"] == "holiday"}
    bad = collections.Counter()
    refs = set()
    prev = ""
    office = byhh = priv = 0
    src = collections.Counter()
    for r in iss:
        h, gr = r["household"], r["grid"]
        if bool(h) == bool(gr):
            bad["household xor grid"] += 1
        where = h[:-4] if h else gr
        if (h and h not in hcodes) or (gr and gr not in g):
            bad["household or grid exists"] += 1
            continue
        byhh += bool(h)
        if not r["category"] or not r["text"]:
            bad["category and text"] += 1
        src[r["source"]] += 1
        if r["source"] not in ("visit", "patrol", "hotline", "walk-in"):
            bad["source"] += 1
        rep = r["reporter"]
        if rep and (rep not in cad or cad[rep]["status"] != "active"
                    or cad[rep]["grid"] not in set(ancestors(where))):
            bad["reporter an active cadre of the grid or above"] += 1
        if r["private"] not in ("0", "1"):
            bad["private"] += 1
        priv += r["private"] == "1"
        try:
            t = datetime.datetime.strptime(r["filed_at"], "%Y-%m-%d %H:%M")
            if t.year != year or r["filed_at"] < prev:
                bad["filed_at in the year, in order"] += 1
            prev = r["filed_at"]
            day = t.strftime("%Y-%m-%d")
            work = (day in workdays or (t.weekday() < 5
                                        and day not in holidays))
            office += work and 8 <= t.hour < 18
        except ValueError:
            bad["filed_at format"] += 1
        ref = r["ref"]
        if r["source"] == "hotline":
            if not re.fullmatch(r"12345-%d-\d{6,}" % year, ref) or ref in refs:
                bad["hotline ref unique 12345-YYYY-NNNNNN"] += 1
            refs.add(ref)
        elif ref:
            bad["ref only for hotline"] += 1
    check(not bad, "issues: household xor grid, both exist, category, text, "
          "source, reporter, private, filed_at, ref (%s)" % dict(bad))
    n = len(iss)
    check(0.75 < share(byhh, n) < 0.95,
          "issues: %.0f%% about a household, the rest about a grid"
          % (100 * share(byhh, n)))
    check(near(priv, n, 0.05),
          "issues: %.1f%% private (~5%%)" % (100 * share(priv, n)))
    if calendar:
        check(share(office, n) > 0.7,
              "issues: %.0f%% filed on working days 08:00-18:00"
              % (100 * share(office, n)))
    note("sources: %s" % dict(src))

    # routing: first rule whose category (if any) and pattern (if any) fit
    todo = iss
    if sample and len(iss) > sample:
        todo = iss[::len(iss) // sample]
    first = []
    unrouted = other_routed = 0
    for r in todo:
        k = -1
        for i, (rule, rx) in enumerate(zip(rules, compiled)):
            if rule["category"] and rule["category"] != r["category"]:
                continue
            if rx and not rx.search(r["text"]):
                continue
            k = i
            break
        if k < 0:
            unrouted += 1
        elif r["category"] == "其他":
            other_routed += 1
        # first pattern alone, for the comparison with PCRE2
        first.append(next((i for i, rx in enumerate(compiled)
                           if rx and rx.search(r["text"])), -1))
    n = len(todo)
    check(near(unrouted, n, 0.05) and other_routed == 0,
          "issues: %.1f%% match no rule (~5%%), %d of them not '其他'; "
          "%d '其他' routed (%d issues checked)"
          % (100 * share(unrouted, n),
             unrouted - sum(r["category"] == "其他" for r in todo),
             other_routed, n))
    check(unrouted == sum(r["category"] == "其他" for r in todo),
          "issues: exactly the '其他' ones match no rule")
    if helper:
        pats = [r["pattern"] for r in rules if r["pattern"]]
        idx = [i for i, r in enumerate(rules) if r["pattern"]]
        pf, tf = os.path.join(d, ".patterns"), os.path.join(d, ".texts")
        with open(pf, "w", encoding="utf-8") as f:
            f.write("".join(p + "\n" for p in pats))
        with open(tf, "w", encoding="utf-8") as f:
            f.write("".join(r["text"] + "\n" for r in todo))
        out = subprocess.run([helper, pf, tf], capture_output=True,
                             text=True)
        os.remove(pf)
        os.remove(tf)
        ok = out.returncode == 0
        if ok:
            theirs = [idx[int(x)] if int(x) >= 0 else -1
                      for x in out.stdout.split()]
            ok = theirs == first
        check(ok, "rules: every pattern compiles in PCRE2 (UTF and not, "
              "JIT) and routes %d texts exactly as Python's re %s"
              % (n, out.stderr.strip()))

    print("# %s: %d grids (%d leaves), %d cadres, %d households, %d rules, "
          "%d issues" % (scale, len(grids), nleaves, len(cadres), len(hh),
                         len(rules), len(iss)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
