"""The metric catalog by agent x day over October 2026, computed by DuckDB from the benchmark's files.

An independent route to the same figures as `waihu metrics --by agent,day --from 2026-10-01 --to 2026-10-30`
(METRICS.md, written in SQL here from the catalog, not from Waihu's code). Local days are Shanghai's (UTC+8,
no daylight saving). Loading the files is not timed; the query is, best of three.
usage: python3 duckdb_metrics.py WORK_DIR   (writes WORK_DIR/duckdb-metrics.csv)
"""
import sys
import time

import duckdb

work = sys.argv[1]
con = duckdb.connect()
con.execute(f"""
CREATE TABLE agents AS SELECT * FROM read_csv('{work}/agents.csv', header=true, types={{'hired_on': 'DATE', 'left_on': 'DATE'}});
CREATE TABLE calls AS SELECT * FROM read_csv('{work}/calls.csv', header=true,
    types={{'started_at': 'TIMESTAMPTZ', 'answered_at': 'TIMESTAMPTZ', 'ended_at': 'TIMESTAMPTZ', 'agent': 'VARCHAR'}});
CREATE TABLE states AS SELECT * FROM read_csv('{work}/states.csv', header=true,
    types={{'started_at': 'TIMESTAMPTZ', 'ended_at': 'TIMESTAMPTZ', 'reason': 'VARCHAR'}});
CREATE TABLE schedules AS SELECT * FROM read_csv('{work}/schedules.csv', header=true, types={{'date': 'DATE'}});
CREATE TABLE orders AS SELECT * FROM read_csv('{work}/orders.csv', header=true, types={{'amount': 'DECIMAL(12,2)'}});
""")
TARGET = 4 * 20000  # the four projects' targets together: the slice has no project restriction
START, END = "DATE '2026-10-01'", "DATE '2026-10-31'"

QUERY = f"""
WITH a AS (
    SELECT agent, CAST(to_timestamp(epoch(started_at) + 28800) AT TIME ZONE 'UTC' AS DATE) AS day, project, lead_id, attempt_id,
           talk_seconds AS t, prep_seconds + talk_seconds + acw_seconds AS h,
           CASE WHEN disposition = 'success' THEN 5 WHEN disposition = 'completed' THEN 4
                WHEN disposition IN ('refused', 'broke_off', 'dnc_request') THEN 3
                WHEN disposition IN ('not_target', 'vacant', 'suspended', 'wrong_number', 'no_such_person', 'company_closed', 'incomplete', 'roaming') THEN 2
                ELSE 1 END AS r
    FROM calls WHERE agent IS NOT NULL
), am AS (
    SELECT * FROM a WHERE day >= {START} AND day < {END}
), att AS (
    SELECT agent, day, count(*) AS calls, count(*) FILTER (WHERE t > 0) AS connected, coalesce(sum(t) FILTER (WHERE t > 0), 0) AS talk,
           count(*) FILTER (WHERE t > 0 AND t >= 30) AS conv, count(*) FILTER (WHERE t > 0 AND t >= 180) AS eff,
           sum(h) AS handled, count(*) AS with_agent, count(DISTINCT agent) AS agents_n
    FROM am GROUP BY agent, day
), lead_outcomes AS (
    SELECT agent, day, project, lead_id, max(r) AS r, count(*) AS n FROM am GROUP BY agent, day, project, lead_id
), lo AS (
    SELECT agent, day, count(*) AS accounts, count(*) FILTER (WHERE r = 2) AS invalid, count(*) FILTER (WHERE r = 1) AS unreach,
           count(*) FILTER (WHERE r = 3) AS refused, count(*) FILTER (WHERE r = 4) AS completed, count(*) FILTER (WHERE r = 5) AS success,
           count(*) FILTER (WHERE r <= 2) AS unfinished, coalesce(sum(n) FILTER (WHERE r <= 2), 0) AS unfinished_attempts
    FROM lead_outcomes GROUP BY agent, day
), ord AS (
    SELECT am.agent, am.day, count(*) AS orders, coalesce(sum(o.amount) FILTER (WHERE o.status <> 'rejected'), 0) AS sales,
           count(*) FILTER (WHERE o.status <> 'rejected') AS not_rejected,
           count(*) FILTER (WHERE o.status IN ('approved', 'shipped', 'signed', 'returned')) AS approved,
           count(*) FILTER (WHERE o.status IN ('approved', 'shipped', 'signed', 'returned', 'rejected')) AS verified,
           count(*) FILTER (WHERE o.status = 'signed') AS signed, count(*) FILTER (WHERE o.status = 'returned') AS returned
    FROM orders o JOIN am ON am.attempt_id = o.attempt_id GROUP BY am.agent, am.day
), iv AS (
    SELECT agent, state, epoch(started_at) + 28800 AS s, epoch(ended_at) + 28800 AS e FROM states
), pieces AS (
    SELECT agent, state, d, greatest(0, least(e, (d + 1) * 86400) - greatest(s, d * 86400)) AS secs
    FROM (SELECT *, unnest(range(CAST(floor(s / 86400) AS BIGINT), CAST(floor((e - 1) / 86400) AS BIGINT) + 1)) AS d FROM iv)
), st AS (
    SELECT agent, CAST(to_timestamp(d * 86400) AT TIME ZONE 'UTC' AS DATE) AS day,
           sum(secs) FILTER (WHERE state <> 'logged_out') AS logged, coalesce(sum(secs) FILTER (WHERE state = 'busy'), 0) AS busy,
           coalesce(sum(secs) FILTER (WHERE state = 'talking'), 0) AS talking, coalesce(sum(secs) FILTER (WHERE state = 'ready'), 0) AS ready,
           coalesce(sum(secs) FILTER (WHERE state = 'internal_call'), 0) AS internal, coalesce(sum(secs) FILTER (WHERE state = 'playback'), 0) AS playback
    FROM pieces GROUP BY agent, d
), counts AS (
    SELECT agent, CAST(to_timestamp(floor(s / 86400) * 86400) AT TIME ZONE 'UTC' AS DATE) AS day,
           count(*) FILTER (WHERE state = 'busy') AS busy_count, count(*) FILTER (WHERE state = 'help') AS help_count
    FROM iv GROUP BY ALL
), sc AS (
    SELECT agent, date AS day, sum(scheduled_seconds) AS scheduled, sum(paid_seconds) AS paid,
           count(*) FILTER (WHERE scheduled_to_attend) AS to_attend, count(*) FILTER (WHERE attended) AS attended
    FROM schedules GROUP BY agent, date
), keys AS (
    SELECT agent, day FROM att UNION SELECT agent, day FROM st UNION SELECT agent, day FROM counts UNION SELECT agent, day FROM sc
), k AS (SELECT * FROM keys WHERE day >= {START} AND day < {END})
SELECT k.agent, k.day,
    coalesce(accounts, 0) AS account_size, coalesce(invalid, 0) AS useless_data, invalid / nullif(accounts, 0) AS corruption_rate,
    coalesce(accounts - invalid, 0) AS valid_data, coalesce(accounts, 0) AS dialable_numbers, accounts / nullif(accounts, 0) AS dialable_rate,
    coalesce(accounts, 0) AS accounts_called, coalesce(calls, 0) AS calls_made, unfinished_attempts / nullif(unfinished, 0) AS average_calling_attempt,
    coalesce(completed + success, 0) / {TARGET} AS target_progress,
    coalesce(refused + completed + success, 0) AS reachable_accounts, coalesce(unreach, 0) AS unreachable_accounts,
    (refused + completed + success) / nullif(accounts - invalid, 0) AS reachable_rate, coalesce(completed + success, 0) AS completed_accounts,
    (completed + success) / nullif(refused + completed + success, 0) AS completed_rate, coalesce(success, 0) AS successful_accounts,
    success / nullif(completed + success, 0) AS hit_rate, coalesce(connected, 0) AS connected_calls, connected / nullif(calls, 0) AS connect_rate,
    connected / nullif(accounts, 0) AS contact_rate, success / nullif(connected, 0) AS online_success_rate,
    coalesce(conv, 0) AS conversations, coalesce(eff, 0) AS effective_conversations, eff / nullif(connected, 0) AS effective_conversation_rate,
    success / nullif(eff, 0) AS close_rate, talk / nullif(connected, 0) AS avg_talk_seconds, connected / nullif(agents_n, 0) AS connected_per_agent,
    success * (success / nullif(connected, 0)) AS success_value,
    coalesce(paid, 0) / 3600 AS paid_hours, coalesce(scheduled, 0) / 3600 AS scheduled_hours, coalesce(logged, 0) / 3600 AS logged_in_hours,
    (coalesce(logged, 0) - coalesce(busy, 0)) / 3600 AS productive_hours,
    coalesce(paid, 0) / 3600 - (coalesce(logged, 0) - coalesce(busy, 0)) / 3600 AS non_productive_hours,
    coalesce(talking, 0) / 3600 AS talk_hours,
    coalesce(completed + success, 0) / nullif((coalesce(logged, 0) - coalesce(busy, 0)) / 3600, 0) AS completed_per_hour,
    coalesce(success, 0) / nullif((coalesce(logged, 0) - coalesce(busy, 0)) / 3600, 0) AS successful_per_hour,
    coalesce(calls, 0) / nullif((coalesce(logged, 0) - coalesce(busy, 0)) / 3600, 0) AS calls_per_hour,
    handled / nullif(with_agent, 0) AS aht_seconds,
    ((coalesce(logged, 0) - coalesce(busy, 0)) / 3600) / nullif(coalesce(paid, 0) / 3600, 0) AS utilization_rate,
    (coalesce(logged, 0) / 3600) / nullif(coalesce(paid, 0) / 3600, 0) AS attendance_rate,
    coalesce(attended, 0) / nullif(coalesce(to_attend, 0), 0) AS attendance_headcount_rate,
    (coalesce(logged, 0) / 3600) / nullif(coalesce(scheduled, 0) / 3600, 0) AS schedule_adherence,
    coalesce(talking, 0) / nullif(coalesce(logged, 0), 0) AS work_efficiency, coalesce(busy, 0) / nullif(coalesce(logged, 0), 0) AS busy_rate,
    coalesce(ready, 0) / nullif(coalesce(logged, 0), 0) AS idle_rate,
    coalesce(busy_count, 0) AS busy_count, coalesce(help_count, 0) AS help_count,
    coalesce(internal, 0) / 3600 AS internal_call_hours, coalesce(playback, 0) / 3600 AS playback_hours,
    CASE WHEN ag.hired_on <= k.day AND (ag.left_on IS NULL OR ag.left_on > k.day)
         THEN CASE WHEN ag.left_on = k.day THEN 1 ELSE 0 END ELSE NULL END AS attrition_rate,
    coalesce(orders, 0) AS orders, coalesce(sales, 0) AS sales_amount, sales / nullif(not_rejected, 0) AS average_order_value,
    approved / nullif(verified, 0) AS order_approval_rate, signed / nullif(signed + returned, 0) AS order_sign_rate,
    0 AS qa_reviews, NULL AS qa_excellent_rate, 0 AS unqualified_tickets, 0 AS complaints, 0 / nullif(connected, 0) AS complaint_rate,
    NULL AS sms_satisfaction_rate
FROM k LEFT JOIN att USING (agent, day) LEFT JOIN lo USING (agent, day) LEFT JOIN ord USING (agent, day)
    LEFT JOIN st USING (agent, day) LEFT JOIN counts USING (agent, day) LEFT JOIN sc USING (agent, day)
    LEFT JOIN agents ag ON ag.agent = k.agent
ORDER BY k.agent, k.day
"""

times = []
for _ in range(3):
    start = time.perf_counter()
    result = con.execute(QUERY).fetchall()
    times.append(time.perf_counter() - start)
columns = [d[0] for d in con.description]
print(f"DuckDB {duckdb.__version__}: the same catalog by agent x day: {len(result)} rows in {min(times):.2f} s "
      f"(best of 3; runs {', '.join(f'{t:.2f}' for t in times)})")
with open(f"{work}/duckdb-metrics.csv", "w") as out:
    out.write(",".join(columns) + "\n")
    for row in result:
        out.write(",".join("" if v is None else str(v) for v in row) + "\n")
