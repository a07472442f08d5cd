"""Rules that other apps keep on a fund's ledger, without financing importing them.

An app whose records depend on a kind of fund (the sponsorship programme's rounds spend the
money of its fund) registers a guard for that kind in its AppConfig.ready(): a callable
guard(fund, years) that returns a context manager. Every service that lowers what a fund holds
for some years (correcting or deleting a pledge or a payment, undoing a bank entry) runs inside
kept(fund, years): each guard may look at the figures before and after the change and refuse it
by raising ValidationError, and the transaction then saves nothing.
"""

from contextlib import ExitStack, contextmanager

_GUARDS = {}


def register(kind, guard):
    """Keep `guard` on every change to a fund of `kind` (Fund.Kind)."""
    _GUARDS.setdefault(kind, []).append(guard)


@contextmanager
def kept(fund, years):
    """Run a change to `fund`'s ledger for `years` under the guards of its kind."""
    with ExitStack() as stack:
        for guard in _GUARDS.get(fund.kind, []):
            stack.enter_context(guard(fund, sorted(set(years))))
        yield
