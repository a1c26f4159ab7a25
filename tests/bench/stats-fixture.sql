-- stats-fixture.sql - the issues of a county or a city, with their whole
-- history (events, accountability, evaluations), pairs and two months of
-- visits, written straight into a gridkit store by the sqlite3 shell, for
-- tests/bench/b-stats.sh.  The store already holds the levels, units,
-- grids, cadres and households of tests/bench/gen's data.  The caller sets
-- the PRAGMAs of a bulk load (journal off, synchronous off, a big cache,
-- temp_store in memory) and then, since a change of temp_store drops the
-- temp tables, the parameters in the temp table fx_param:
--   n      issues
--   t0     when the first is filed (seconds)
--   span   seconds over which they are filed
-- The shape follows the county's table (doc/domain.md): about half are
-- solved by the contact cadre,
-- the rest at the village, the work area (or community), the township, a
-- few at the top; 3 in 5 routed to a unit; 1 in 20 resolved late; 4 in 5
-- closed; 1 in 4 gets the resident's feedback; issues of the last ten days
-- partly still open; and, as in the field, a backlog of about one issue in
-- ten still in hand however old: nine in a hundred parked (挂账, no
-- deadline runs), one in a hundred open and long overdue.  So about 10 %
-- are open at any month's end, 1 % overdue (the reports' and the board's
-- real load).  Deterministic: every choice is arithmetic on the id.

-- load without the indexes; the caller builds them again after: keeping
-- them up to date during the load is about 6x slower (tests/bench/README)
-- (those of issues differ between schemas 3 and 4: IF EXISTS)
DROP INDEX issues_due; DROP INDEX issues_filed;
DROP INDEX IF EXISTS issues_status; DROP INDEX IF EXISTS issues_live;
DROP INDEX issues_grid; DROP INDEX issues_rung_grid; DROP INDEX issues_unit;
DROP INDEX issues_household; DROP INDEX issues_cadre;
DROP INDEX IF EXISTS issues_category; DROP INDEX IF EXISTS issues_rung;
DROP INDEX issues_resolved; DROP INDEX issues_rejected;
DROP INDEX events_issue; DROP INDEX events_kind; DROP INDEX events_due;
DROP INDEX accountability_issue; DROP INDEX accountability_opened;
DROP INDEX accountability_decided;
DROP INDEX IF EXISTS accountability_undecided;
DROP INDEX evaluations_issue; DROP INDEX evaluations_at;
DROP INDEX visits_key; DROP INDEX visits_household; DROP INDEX visits_at;
DROP INDEX pairs_current; DROP INDEX pairs_cadre; DROP INDEX pairs_household;
DROP INDEX pairs_started; DROP INDEX pairs_ended;

BEGIN;

CREATE TEMP TABLE fx_k AS SELECT
 (SELECT count(*) FROM households) AS nh,
 -- the households' ids need not start at 1 (in the bench's stores they
 -- start at 2): an issue drawn for an id that is not there was lost, and
 -- its events named an issue that is not there, which grid-init's
 -- upgrade refuses
 (SELECT min(id) FROM households) AS h0,
 (SELECT count(*) FROM cadres) AS nc,
 (SELECT count(*) FROM units) AS nu,
 (SELECT max(depth) FROM grids) AS leaf;

-- every household paired with a cadre since before the first issue
INSERT INTO pairs (household, cadre, started_at)
 SELECT h.code, printf('C%05d', h.id % k.nc + 1), p.t0 - 86400 * 30
 FROM households h, fx_k k, fx_param p;

-- the ladder: step j of an issue's climb, the rung it is on, when it gets
-- there after filing, and how long it may stay (the rung's level hours;
-- the nightly run escalates half an hour after the deadline)
CREATE TEMP TABLE fx_lad (j INTEGER PRIMARY KEY, rung INTEGER, arrive INTEGER,
 secs INTEGER);
INSERT INTO fx_lad SELECT 0, 0, 0, (SELECT hours * 3600 FROM levels
 WHERE depth = 0);
INSERT INTO fx_lad SELECT j + 1, leaf - j, l.arrive + l.secs + 1800,
 (SELECT hours * 3600 FROM levels WHERE depth = leaf - j)
 FROM fx_lad l, fx_k WHERE l.j = 0 AND j = 0;
INSERT INTO fx_lad SELECT l.j + 1, l.rung - 1, l.arrive + l.secs + 1800,
 (SELECT hours * 3600 FROM levels WHERE depth = l.rung - 1)
 FROM fx_lad l WHERE l.j = 1;
INSERT INTO fx_lad SELECT l.j + 1, l.rung - 1, l.arrive + l.secs + 1800,
 (SELECT hours * 3600 FROM levels WHERE depth = l.rung - 1)
 FROM fx_lad l WHERE l.j = 2;
INSERT INTO fx_lad SELECT l.j + 1, l.rung - 1, l.arrive + l.secs + 1800,
 (SELECT hours * 3600 FROM levels WHERE depth = l.rung - 1)
 FROM fx_lad l WHERE l.j = 3 AND l.rung > 1;

-- the issues: k is how many rungs it climbed (the county table's shares)
CREATE TEMP TABLE fx AS
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
  WHERE i < (SELECT n FROM fx_param)),
 a AS (SELECT i, p.t0 + (i - 1) * (p.span / p.n) + (i * 7919) % 3600 AS filed,
  (i * 48271) % k.nh + k.h0 AS hid, (i * 2654435761) % 1000 AS r,
  p.t0 + p.span AS endt, k.nu, k.nc
  FROM n, fx_param p, fx_k k)
SELECT i AS id, filed, hid, nc,
 CASE WHEN r < 501 THEN 0 WHEN r < 736 THEN 1 WHEN r < 916 THEN 2
  WHEN r < 997 THEN 3 ELSE 4 END AS k,
 CASE WHEN i % 5 < 3 THEN printf('U%02d', i % nu + 1) END AS unit,
 (filed > endt - 10 * 86400 AND i % 10 < 3) OR i % 10 = 9 AS open,
 i % 10 = 9 AND i % 100 <> 9 AND NOT (filed > endt - 10 * 86400
  AND i % 10 < 3) AS parked,
 i % 20 = 0 AS late, i % 10 < 8 AS closed, endt
FROM a;
UPDATE fx SET k = (SELECT max(j) FROM fx_lad) WHERE k > (SELECT max(j) FROM fx_lad);
UPDATE fx SET k = 0 WHERE open;

CREATE TEMP TABLE fx2 AS
SELECT fx.*, l.rung, filed + l.arrive AS arrive, filed + l.arrive + l.secs AS due,
 CASE WHEN open THEN NULL WHEN late THEN filed + l.arrive + l.secs + 900
  ELSE filed + l.arrive + l.secs * ((id * 31) % 90 + 5) / 100 END AS resolved
FROM fx JOIN fx_lad l ON l.j = fx.k;

INSERT INTO issues (id, household, grid, category, text, source, private,
 status, rung, rung_grid, cadre, unit, hours, filed_at, routed_at,
 resolved_at, closed_at, due_at, escalations, updated_at)
SELECT f.id, h.code, h.grid, printf('类别%02d', f.id % 13), '诉求 ' || f.id,
 'visit', f.id % 17 = 0,
 CASE WHEN f.parked THEN 'parked'
  WHEN f.open THEN CASE WHEN f.unit IS NULL THEN 'open' ELSE 'routed' END
  WHEN f.closed THEN 'closed' ELSE 'resolved' END,
 f.rung, CASE WHEN f.rung > 0 THEN h.grid END,
 printf('C%05d', f.hid % f.nc + 1), f.unit, NULL, f.filed,
 CASE WHEN f.unit IS NOT NULL THEN f.filed + 3600 END, f.resolved,
 CASE WHEN f.closed AND NOT f.open THEN f.resolved + 86400 END,
 CASE WHEN NOT f.parked THEN f.due END, f.k,
 CASE WHEN f.parked THEN f.filed + 7200 ELSE coalesce(f.resolved, f.filed) END
FROM fx2 f JOIN households h ON h.id = f.hid;
UPDATE issues SET parked_from = CASE WHEN unit IS NULL THEN 'open'
 ELSE 'routed' END, parked_left = 20 WHERE status = 'parked';

-- the events: each carries the state after it
INSERT INTO events (at, prog, login, kind, issue, status, rung, unit, due_at)
 SELECT filed, 'issue-file', 'bench', 'filed', id, 'open', 0, NULL,
  filed + (SELECT secs FROM fx_lad WHERE j = 0) FROM fx2;
INSERT INTO events (at, prog, login, kind, issue, status, rung, unit, due_at)
 SELECT filed + 3600, 'issue-route', 'bench', 'routed', id, 'routed', 0,
  unit, filed + (SELECT secs FROM fx_lad WHERE j = 0)
 FROM fx2 WHERE unit IS NOT NULL;
INSERT INTO events (at, prog, login, kind, issue, status, rung, unit, due_at)
 SELECT f.filed + l.arrive, 'escalate', 'bench', 'escalated', f.id,
  CASE WHEN f.unit IS NULL THEN 'open' ELSE 'routed' END, l.rung, f.unit,
  f.filed + l.arrive + l.secs
 FROM fx2 f JOIN fx_lad l ON l.j BETWEEN 1 AND f.k;
INSERT INTO events (at, prog, login, kind, issue, status, rung, unit, due_at)
 SELECT filed + 7200, 'issue-update', 'bench', 'parked', id, 'parked', 0,
  unit, NULL FROM fx2 WHERE parked;
-- an accountability case for one climb of the ladder in ten: the deadline
-- missed (escalate); the others were referred up within the deadline, which
-- holds no one to account.  The supervising office decides a case within
-- one to three weeks, confirming one in four (约谈) and waiving the rest; the
-- cases opened in the fixture's last weeks are still pending.
INSERT INTO accountability (issue, status, opened_at, rung, grid,
 holder_cadre, holder_unit, due_at, hours_over, decided_at, outcome, reason)
 SELECT id, CASE WHEN decided IS NULL THEN 'pending'
  WHEN id % 4 = 0 THEN 'confirmed' ELSE 'waived' END, opened, rung, NULL,
  cadre, unit, due, 0.5, decided,
  CASE WHEN decided IS NOT NULL AND id % 4 = 0 THEN '约谈' END,
  CASE WHEN decided IS NOT NULL AND id % 4 <> 0 THEN '非本人失职' END
 FROM (SELECT f.id, f.filed + l.arrive AS opened, p.rung,
   printf('C%05d', (f.hid + l.j * 7) % f.nc + 1) AS cadre, f.unit,
   f.filed + p.arrive + p.secs AS due,
   CASE WHEN f.filed + l.arrive + (7 + f.id % 15) * 86400
    < (SELECT t0 + span FROM fx_param)
    THEN f.filed + l.arrive + (7 + f.id % 15) * 86400 END AS decided
  FROM fx2 f JOIN fx_lad l ON l.j BETWEEN 1 AND f.k
  JOIN fx_lad p ON p.j = l.j - 1
  WHERE (f.id + l.j) % 10 = 0);
INSERT INTO accountability_people ("case", cadre)
 SELECT id, holder_cadre FROM accountability WHERE status = 'confirmed';
INSERT INTO events (at, prog, login, kind, issue, status, rung, unit, due_at)
 SELECT resolved, 'issue-update', 'bench', 'resolved', id, 'resolved', rung,
  unit, due FROM fx2 WHERE resolved IS NOT NULL;
INSERT INTO events (at, prog, login, kind, issue, status, rung, unit, due_at)
 SELECT resolved + 86400, 'issue-update', 'bench', 'closed', id, 'closed',
  rung, unit, due FROM fx2 WHERE resolved IS NOT NULL AND closed;
INSERT INTO evaluations (issue, at, kind, value, cadre, unit)
 SELECT id, resolved + 3600, 'feedback',
  CASE id % 7 WHEN 0 THEN 'unsatisfied' WHEN 1 THEN 'basic'
   ELSE 'satisfied' END, printf('C%05d', hid % nc + 1), NULL
 FROM fx2 WHERE resolved IS NOT NULL AND id % 4 = 0;
INSERT INTO evaluations (issue, at, kind, value, cadre, unit)
 SELECT id, resolved + 7200, 'rating', id % 5 + 1, NULL, unit
 FROM fx2 WHERE resolved IS NOT NULL AND unit IS NOT NULL AND id % 3 = 0;

-- the last two months' visits: a third of the households each month
INSERT INTO visits (cadre, household, at)
 SELECT printf('C%05d', h.id % k.nc + 1), h.code,
  p.t0 + p.span - m.back * 30 * 86400 + (h.id * 97) % (25 * 86400) / 60 * 60
 FROM households h, fx_k k, fx_param p,
  (SELECT 1 AS back UNION ALL SELECT 2) m
 WHERE h.id % 3 = m.back - 1;

COMMIT;
