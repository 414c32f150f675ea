"""The GB/T 13745 discipline classification shipped as data (reviews/data/gbt13745.txt)."""

from pathlib import Path

DATA = Path(__file__).parent / "data" / "gbt13745.txt"


def read_classification(path: Path = DATA) -> list[tuple[str, str, int, str | None]]:
    """(code, name, level, parent code) for every line; level 1 has 3 digits, level 2 five."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        code, name = line.split(maxsplit=1)
        level = {3: 1, 5: 2, 7: 3}[len(code)]
        parent = code[: {1: 0, 2: 3, 3: 5}[level]] or None
        rows.append((code, name, level, parent))
    return rows


def load(discipline_model) -> int:
    """Create or update every discipline (used by the data migration and by tests)."""
    by_code = {}
    for code, name, level, parent in read_classification():
        obj, _ = discipline_model.objects.update_or_create(
            code=code, defaults={"name": name, "level": level, "parent": by_code.get(parent)}
        )
        by_code[code] = obj
    return len(by_code)
