"""Operating-system errors in Dutch: the user never sees English OS text."""

from __future__ import annotations

import errno

_TEXTS = {
    errno.ENOENT: "bestand of map bestaat niet",
    errno.EACCES: "geen toegang",
    errno.EPERM: "geen toestemming",
    errno.EISDIR: "is een map, geen bestand",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ENOSPC: "schijf vol",
    errno.EROFS: "alleen-lezen bestandssysteem",
    errno.ELOOP: "te veel symbolische links (een kring?)",
    errno.ENAMETOOLONG: "naam te lang",
    errno.EEXIST: "bestaat al",
    errno.ENOTEMPTY: "map is niet leeg",
    errno.EBUSY: "bestand of map is in gebruik",
    errno.EXDEV: "kan niet tussen bestandssystemen verplaatsen",
    errno.EMFILE: "te veel open bestanden",
    errno.EIO: "lees- of schrijffout van het apparaat",
    errno.EDQUOT: "schijfquotum overschreden",
    errno.EAGAIN: "tijdelijk niet beschikbaar",
    errno.EINVAL: "ongeldige waarde",
    errno.ENXIO: "apparaat bestaat niet",
}


def dutch_reason(exc: OSError) -> str:
    """The reason of ``exc`` in Dutch; unknown codes name their errno constant."""
    code = exc.errno
    if code in _TEXTS:
        return _TEXTS[code]
    name = errno.errorcode.get(code, "onbekend") if code is not None else "onbekend"
    return f"besturingssysteemfout ({name})"


def describe(exc: OSError) -> str:
    """'pad: reden' for ``exc``, with the Dutch reason."""
    names = [str(n) for n in (exc.filename, exc.filename2) if n not in (None, "")]
    reason = dutch_reason(exc)
    return f"{' → '.join(names)}: {reason}" if names else reason
