#!/usr/bin/env python3
"""Prints a seeded sample of Chinese national numbers, one a line: the digits, a tab, and 1 when
libphonenumber (the pinned `phonenumbers` package) takes the number as one Waihu should call (a
mobile, a landline, a 400 or an 800 number), 0 otherwise. Every mobile prefix from 100 to 199 and its
four-digit children, every area code 010–029 and 0300–0999, and the 400/800 ranges are sampled.
Used by the number-plan agreement test (`NumberingPlanAgreementTests`).

    python3 scripts/numbering_plan/sample.py [seed]
"""
import random
import sys

import phonenumbers
from phonenumbers import PhoneNumberType as T

from generate import PINNED, kind


def callable_number(digits):
    """A mobile or a landline as `generate.kind` says, or a 10-digit 400 or 800 number."""
    if kind(digits) is not None:
        return True
    try:
        number = phonenumbers.parse(digits, "CN")
    except phonenumbers.NumberParseException:
        return False
    return (phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in (T.TOLL_FREE, T.SHARED_COST)
            and len(digits) == 10 and digits[:3] in ("400", "800"))


def main():
    if phonenumbers.__version__ != PINNED:
        sys.exit(f"phonenumbers {PINNED} is pinned; found {phonenumbers.__version__}")
    source = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
    digits = lambda n: "".join(source.choice("0123456789") for _ in range(n))
    numbers = []
    for prefix in range(100, 200):
        numbers += [str(prefix) + digits(8) for _ in range(6)]
    for prefix in range(1300, 2000):
        numbers += [str(prefix) + digits(7) for _ in range(2)]
    numbers += ["1740" + str(d) + digits(6) for d in range(10) for _ in range(2)]
    areas = ["10"] + [str(n) for n in range(20, 30)] + [str(n) for n in range(300, 1000)]
    for area in areas:
        for _ in range(3):
            length = source.choice([6, 7, 7, 8, 8, 9])
            numbers.append("0" + area + digits(length))
    for prefix in ("400", "800"):
        numbers += [prefix + digits(7) for _ in range(20)] + [prefix + digits(6) for _ in range(5)]
    for number in numbers:
        print(f"{number}\t{1 if callable_number(number) else 0}")


if __name__ == "__main__":
    main()
