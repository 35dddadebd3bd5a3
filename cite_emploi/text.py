"""Text normalisation shared by every app: one way to compare people's names."""

import unicodedata

# Letters of other scripts that look like Latin ones once lower-cased (Unicode confusables, the common
# Cyrillic and Greek look-alikes of the Latin alphabet). Applied after casefold, so only lower case here.
CONFUSABLES = str.maketrans(
    {
        # Cyrillic
        "а": "a",
        "в": "b",
        "е": "e",
        "ё": "e",
        "з": "3",
        "і": "i",
        "ї": "i",
        "ј": "j",
        "к": "k",
        "м": "m",
        "н": "h",
        "о": "o",
        "п": "n",
        "р": "p",
        "с": "c",
        "т": "t",
        "у": "y",
        "х": "x",
        "ѕ": "s",
        "ԁ": "d",
        "ԛ": "q",
        "ԝ": "w",
        "ү": "y",
        "һ": "h",
        "ӏ": "l",
        "ɡ": "g",
        # Greek
        "α": "a",
        "β": "b",
        "γ": "y",
        "ε": "e",
        "ζ": "z",
        "η": "n",
        "ι": "i",
        "κ": "k",
        "μ": "u",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "ω": "w",
        # Latin look-alikes outside ASCII
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
    }
)

# Separators inside names that do not make two different people: hyphens, apostrophes, dots.
SEPARATORS = str.maketrans(dict.fromkeys("-‐‑‒–—'’‘`´.,_", " "))


def normalise(text: str) -> str:
    """The form of a name used to compare and search people: 'Hélène  Lefèvre' = 'HELENE lefevre' = 'Hеlene\u200bLefevre'.

    NFKC (compatibility forms: full-width letters, ligatures), Unicode format characters dropped (category Cf:
    zero-width space and joiners, soft hyphen, bidi marks), casefold, accents removed, Cyrillic and Greek
    look-alikes folded to Latin, hyphens and apostrophes read as spaces, runs of spaces collapsed.
    """
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.translate(CONFUSABLES).translate(SEPARATORS)
    return " ".join(text.split())
