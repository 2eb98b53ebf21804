"""The growing wait before a login attempt is checked (issue 10 §5)."""

import pytest

from kinerja.domain.accounts import JEDA_MAKS, login_delay


@pytest.mark.parametrize(
    ("failures", "seconds"),
    [(0, 0.0), (1, 0.0), (2, 1.0), (3, 2.0), (4, 4.0), (6, 16.0), (7, 30.0), (40, 30.0)],
)
def test_login_delay_doubles_from_the_second_failure_up_to_the_cap(failures: int, seconds: float) -> None:
    assert login_delay(failures) == seconds
    assert JEDA_MAKS == 30.0
