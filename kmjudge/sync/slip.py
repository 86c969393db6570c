"""The handover slip (数据移交单): one A4 page that goes with the USB stick.

It names the package file, its SHA-256 (in groups, for reading aloud), the exporting
device and its key fingerprint, the sequence number, the events and what the package holds,
with signature lines for the person handing over and the person receiving. The receiver
compares the fingerprint with the import screen before confirming a new device, and can
recompute the SHA-256 (``kmjudge package inspect FILE``).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from kmjudge import __version__
from kmjudge.accounts import Actor, Perm
from kmjudge.checkin.common import atomic_output
from kmjudge.checkin.fonts import cjk_font
from kmjudge.clock import to_local
from kmjudge.db.engine import Database
from kmjudge.errors import PermissionDenied
from kmjudge.sync.model import EventRef, ExportResult

TABLE_ZH = {
    "app_user": "账号",
    "competition": "竞赛",
    "trade": "工种",
    "contestant": "选手",
    "event": "竞赛场次",
    "criterion": "评分模块",
    "subcriterion": "评分子模块",
    "aspect": "评分项",
    "registration": "报名",
    "ticket": "准考证",
    "checkin": "检录",
    "scan": "扫码记录",
    "judge_assignment": "裁判分配",
    "judge_exclusion": "回避",
    "score_sheet": "纸质评分表",
    "score": "评分",
    "sheet_entry": "纸质录分",
    "theory_score": "理论成绩",
    "recheck": "复核",
    "appeal": "申诉",
    "certificate": "证书",
    "print_log": "打印记录",
}

KIND_ZH = {"venue": "赛点数据（送市级办公室或裁判长电脑）", "setup": "竞赛设置（发往赛点电脑）"}


def _groups(text: str, size: int = 4) -> str:
    return " ".join(text[i : i + size] for i in range(0, len(text), size))


def _when(value: datetime) -> str:
    local = to_local(value)
    assert local is not None
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def handover_slip_pdf(
    db: Database,
    actor: Actor,
    package: ExportResult | str | Path,
    out: Path,
    *,
    handed_over_by: str = "",
    received_by: str = "",
) -> Path:
    if not (actor.can(Perm.EXPORT) or actor.can(Perm.IMPORT_PACKAGES)):
        raise PermissionDenied(
            f"{actor.display_name} 无权打印数据移交单。",
            f"{actor.username} may not print handover slips.",
        )
    if isinstance(package, ExportResult):
        info: dict[str, Any] = {
            "file": package.path.name,
            "sha256": package.sha256,
            "size": package.size,
            "device": package.device_name,
            "device_id": str(package.device_id),
            "fingerprint": package.fingerprint,
            "seq": package.seq,
            "kind": package.kind,
            "full": package.full,
            "created": package.created_at,
            "events": package.events,
            "counts": package.counts,
            "audit": package.audit_entries,
            "prev": package.prev_sha256,
        }
    else:
        from kmjudge.sync.importer import inspect_package

        pi = inspect_package(db, Path(package), deep=True)
        man = pi.manifest
        info = {
            "file": pi.path.name,
            "sha256": pi.sha256,
            "size": pi.size,
            "device": man.device_name,
            "device_id": str(man.device_id),
            "fingerprint": man.fingerprint,
            "seq": man.seq,
            "kind": man.kind,
            "full": man.full,
            "created": man.created_at,
            "events": man.events,
            "counts": {
                n.removeprefix("data/").removesuffix(".jsonl"): f[2]
                for n, f in man.files.items()
                if n.startswith("data/")
            },
            "audit": sum(a[1] - a[0] + 1 for a in man.audit.values()),
            "prev": man.prev_sha256,
        }
    _draw(out, info, handed_over_by or actor.display_name, received_by)
    return out


def _draw(out: Path, info: dict[str, Any], giver: str, receiver: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = cjk_font("sans")
    song = cjk_font("song")
    w, h = A4
    left, right = 56.0, w - 56.0
    with atomic_output(out) as tmp:
        c = canvas.Canvas(str(tmp), pagesize=A4)
        c.setTitle("数据移交单")
        c.setCreator(f"kmjudge {__version__}")
        y = h - 70
        c.setFont(song, 22)
        c.drawCentredString(w / 2, y, "数 据 移 交 单")
        y -= 22
        c.setFont(font, 10)
        c.drawCentredString(w / 2, y, "昆明市职工职业技能竞赛 · kmjudge 签名数据包")
        y -= 30

        def row(label: str, value: str, size: float = 11, mono: bool = False) -> None:
            nonlocal y
            c.setFont(font, 10)
            c.setFillGray(0.35)
            c.drawString(left, y, label)
            c.setFillGray(0)
            c.setFont("Courier-Bold" if mono else font, size)
            c.drawString(left + 96, y, value)
            y -= size + 9

        row(
            "数据包类型",
            KIND_ZH.get(info["kind"], info["kind"]) + ("（完整）" if info["full"] else "（增量）"),
        )
        row("文件名", info["file"], 9)
        row("文件大小", f"{info['size']:,} 字节")
        row("导出时间", _when(info["created"]))
        row("导出设备", f"{info['device']}（{info['device_id']}）", 10)
        row("序号", f"第 {info['seq']} 号")
        y -= 4
        # The two things a receiver checks: fingerprint and hash, large and grouped.
        c.setStrokeGray(0.2)
        c.setLineWidth(1.2)
        box_top = y + 14
        c.rect(left - 8, y - 78, right - left + 8, 92, stroke=1, fill=0)
        row("设备指纹", info["fingerprint"], 18, mono=True)
        c.setFont(font, 10)
        c.setFillGray(0.35)
        c.drawString(left, y, "SHA-256")
        c.setFillGray(0)
        c.setFont("Courier-Bold", 13)
        sha = _groups(info["sha256"].upper())
        c.drawString(left + 96, y, sha[:39])
        y -= 19
        c.drawString(left + 96, y, sha[40:])
        y -= 22
        c.setFont(font, 8.5)
        c.setFillGray(0.35)
        c.drawString(
            left,
            y,
            "接收方导入前请逐位核对设备指纹；可用 kmjudge package inspect 文件名 复算 SHA-256。",
        )
        c.setFillGray(0)
        y = box_top - 118
        prev = info["prev"]
        row("上一包哈希", _groups(prev[:16].upper()) + " …" if prev else "（首个数据包）", 10)
        y -= 6
        c.setFont(font, 12)
        c.drawString(left, y, "竞赛场次")
        y -= 18
        c.setFont(font, 10)
        events: tuple[EventRef, ...] = info["events"]
        for ev in events[:12]:
            c.drawString(left + 12, y, f"· {ev.name}  {ev.district or ''} {ev.trade}".rstrip())
            y -= 15
        if len(events) > 12:
            c.drawString(left + 12, y, f"…… 共 {len(events)} 个场次")
            y -= 15
        y -= 8
        c.setFont(font, 12)
        c.drawString(left, y, "数据内容")
        y -= 18
        c.setFont(font, 10)
        order = list(TABLE_ZH)
        counts = sorted(
            info["counts"].items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99
        )
        items = [(TABLE_ZH.get(k, k), v) for k, v in counts if v]
        items.append(("审计记录", info["audit"]))
        col_w = (right - left) / 3
        for i, (label, n) in enumerate(items):
            cx = left + 12 + (i % 3) * col_w
            c.drawString(cx, y, label)
            c.drawRightString(cx + col_w - 30, y, f"{n:,}")
            if i % 3 == 2:
                y -= 15
        if len(items) % 3:
            y -= 15
        y = min(y - 20, 190)
        c.setFont(font, 11)
        c.drawString(left, y, f"移交人：{giver}")
        c.drawString(w / 2 + 10, y, f"接收人：{receiver}")
        y -= 40
        for x in (left, w / 2 + 10):
            c.drawString(x, y, "签字：")
            c.line(x + 40, y - 2, x + 200, y - 2)
        y -= 36
        for x in (left, w / 2 + 10):
            c.drawString(x, y, "日期：")
            c.line(x + 40, y - 2, x + 200, y - 2)
        c.setFont(font, 8)
        c.setFillGray(0.4)
        c.drawString(left, 40, f"kmjudge {__version__} · 本单一式两份，移交双方各执一份。")
        c.showPage()
        c.save()
