#!/usr/bin/env bash
# 每月的异地就医报销：花名册 → 案卷 → 检查 → 生成齐全的 PDF → 标记已提交 → 台账 → 期限。
# The clerk's month: roster → dossiers → check → build the complete ones → mark them submitted
# → the register (台账) → the deadlines. Copy it and change what your unit does differently.
#
# Usage:  examples/month.sh ROSTER.xlsx|.csv ROOT [--submitted]
#   ROSTER       this month's roster (headers such as 姓名, 身份证号, 险种, 人员类别, 参保地, 就医地 …;
#                see: offsite dossier import --help)
#   ROOT         the month's folder, e.g. ~/claims/2026-11: one dossier folder per row is made in it
#   --submitted  the PDFs built are handed in today: mark those dossiers submitted
# Environment:   TODAY=2026-11-20 to run as of another day (default: today)
#
# Exit codes of offsite (CONTRACT.md): 0 done; 1 a finding (documents missing, something
# overdue); 2 bad input, nothing written; 3 the work failed, nothing half-written.
# Run it again as often as you like: dossiers already made are kept, PDFs already handed in are
# not built or marked again.
set -euo pipefail

roster=${1:?usage: month.sh ROSTER.xlsx ROOT [--submitted]}
root=${2:?usage: month.sh ROSTER.xlsx ROOT [--submitted]}
submitted=${3:-}
today=${TODAY:-$(date +%F)}
reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT

# 1. 花名册 → 案卷。每行先全部检查；有错时逐行列出（行、列、值），什么也不建立（退出码 2）。
#    已有的案卷保留不动；花名册改过后要合并进去就加 --update。
echo "== 1. dossier import $roster → $root"
offsite dossier import "$roster" "$root" --today "$today" --no-input

# 2. 检查所有案卷：一个 JSON 列表，每个案卷一项（complete、documents、deadline …）。
#    退出码 1 = 有案卷缺材料，2 = 有案卷的 case.toml 有误：都继续，其余的照常处理。
echo "== 2. dossier check --all $root"
code=0
offsite dossier check --all "$root" --json --today "$today" --no-input >"$reports/check.json" || code=$?
if (( code > 2 )); then
    echo "dossier check failed (exit $code)" >&2
    exit "$code"
fi
offsite dossier check --all "$root" --today "$today" --no-input || true  # the table, for people

# 3. 只给材料齐全、还没交出去的案卷生成 PDF（DIR/dossier.pdf）。无需报销的（持卡直接结算、
#    不予报销）没有材料要交，已提交的不再重做。
mapfile -t ready < <(python3 -c '
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
for item in json.loads(text) if text.strip() else []:
    status = (item.get("status") or {}).get("current")
    if item.get("complete") and item.get("documents") and status in (None, "returned"):
        print(item["case"])
' "$reports/check.json")
built=()
if (( ${#ready[@]} == 0 )); then
    echo "== 3. no dossier is complete and still to hand in: nothing to build"
else
    echo "== 3. dossier build (${#ready[@]} complete)"
    code=0
    offsite dossier build "${ready[@]}" --json --today "$today" --no-input >"$reports/build.json" || code=$?
    if (( code > 1 )); then
        echo "dossier build failed (exit $code)" >&2
        exit "$code"
    fi
    # the ones whose PDF was written (a list with "case" for several; one object for one DIR)
    mapfile -t built < <(python3 -c '
import json, sys
found = json.load(open(sys.argv[1], encoding="utf-8"))
for item in found if isinstance(found, list) else [dict(found, case=sys.argv[2])]:
    if item.get("path"):
        print(item["case"])
' "$reports/build.json" "${ready[0]}")
fi

# 4. 交件后标记为已提交：期限列表不再报逾期，改为“预计到账”。只标记刚生成了 PDF 的案卷。
if [[ $submitted == --submitted && ${#built[@]} -gt 0 ]]; then
    echo "== 4. dossier mark … submitted --on $today"
    offsite dossier mark "${built[@]}" submitted --on "$today" --no-input
else
    echo "== 4. after handing the PDFs in, run this script again with --submitted"
fi

# 5. 台账（每个案卷一行：参保人、医院、金额、状态、期限 …），按同一天算剩余天数。
month=$(basename "$root")
echo "== 5. ledger → $root/台账-$month.xlsx"
offsite ledger "$root" -o "$root/台账-$month.xlsx" --today "$today" --no-input

# 6. 两周内到期的（和已逾期的）期限。退出码 1 = 有逾期：不让脚本失败，但要看一眼。
echo "== 6. deadlines within 14 days"
code=0
offsite deadlines "$root" --within 14 --today "$today" || code=$?
if (( code == 1 )); then
    echo "!! something is overdue: see above" >&2
elif (( code > 1 )); then
    exit "$code"
fi
