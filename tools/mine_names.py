#!/usr/bin/env python3
"""Mines the place names that Arabic Badia reporting uses and the gazetteer does not know.

Scans Arabic text for a place noun (منطقة، وادي، جبل، تلول، حقل، محطة، سد، قاعدة، مطار، معبر،
حاجز، مفرق، بادية، بئر …) followed by a name, folds both the way badia does (alef, yeh, teh
marbuta, diacritics), and counts the names the gazetteer does not know, most frequent first.
A name is known when the gazetteer has it as a name or spelling, with or without the article,
with or without its place noun. Python standard library only.

    python3 tools/mine_names.py data/gazetteer.csv INPUT... > data/curated/mined_names.csv

INPUT is a text file or a folder (every *.txt under it), or `--phrases FILE`: a CSV of the
place phrases read in search results (data/mined/pages_phrases.csv). `--all` lists known names
too (the column `known` then says which). Only names and counts are written, never the text.
"""
import csv
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

# Place nouns, folded, singular and plural. The name follows the noun.
PLACE_NOUNS = [
    "منطقه", "مناطق", "وادي", "اوديه", "جبل", "جبال", "تلول", "تلال", "تل", "تله", "حقل", "حقول",
    "محطه", "سد", "قاعده", "مطار", "معبر", "حاجز", "مفرق", "باديه", "بير", "ابار", "سبخه",
    "قريه", "بلده", "مزارع", "مزرعه", "نقطه", "كتيبه", "مقر", "مستودعات", "صحراء", "فيضه",
    "مثلث", "دوار", "جسر", "منجم", "مناجم", "معمل", "حويجه", "جزيره",
]
# Words that end a name: particles, directions, adjectives of kind, time words.
STOP = set("""
في من الى الي على علي عن مع بين حتى حتي منذ عند لدى لدي قرب بالقرب محيط اطراف ضمن داخل خارج
شرق غرب شمال جنوب شرقي غربي شمالي جنوبي الشرقي الغربي الشمالي الجنوبي الشرقيه الغربيه الشماليه
الجنوبيه الوسطى الوسطي شرقا غربا شمالا جنوبا و او ثم بعد قبل خلال حول ضد دون نحو باتجاه اتجاه
النفطي النفطيه الغازي الغازيه العسكري العسكريه الجوي الجويه الصحراويه الصحراوي الاثري الاثريه
الحدودي الحدوديه التابع التابعه الواقع الواقعه الممتد الممتده يوم اليوم امس مساء صباح ليل ليلا
حيث التي الذي الذين كما وقد قد لم هذه هذا تلك ذلك كل بعض عده عدد اي وذلك بالقرب حيث اثناء
""".split())
# The first word cannot be these (the noun was an ordinary word there).
NOT_NAMES = STOP | set("""
الاشتباكات المعارك العمليات السيطره النفوذ انتشار الاشتباك الهجوم التماس الحدود الاشتباكات
واسعه كبيره عسكريه عسكري نفطيه نائيه صحراويه جديده اخرى اخري المنطقه البلاد السوريه سوريا
النظام الحكومه التنظيم داعش قوات عناصر القوات الجيش الامن الاخيره الاولى الاولي الثانيه
سيطره سيطرتهم سيطرته متفرقه قريبه وجوده وجودهم انتشارهم الانفجار الهجمات الهجوم للجيش ان ال نفوذ
خاضعه مثل نظام ينشط يتوارون مشترك مشتركه التحالف الغاز غاز نفطي غازي الالزاميه
تسيطر يسيطر تواجد تواجدهم انتشار عمليات العمليه الاستهداف الحادث الاشتباك المواجهات
""".split())
ARABIC_WORD = re.compile(r"[\u0621-\u064A0-9]+")
DROPPED = re.compile("[\u0640\u064B-\u065F\u0670\u0610-\u061A\u06D6-\u06ED\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ة": "ه",
                      "ؤ": "و", "ئ": "ي", "ک": "ك", "ڤ": "ف", "گ": "ك"})
CLITICS = ("وب", "وال", "بال", "وبال", "لل", "ول", "و", "ب", "ل", "ف")
NOUNS = set(PLACE_NOUNS)
# Words that announce a place but are not followed by a site's name here: they end a name.
AREA_NOUNS = {"ريف", "مدينه", "محافظه", "ناحيه", "حي", "مخيم", "اطراف", "محيط", "ارياف", "ريفي"}
# A noun with its kind word before the name ("حقل غاز الشاعر", "حقل نفط التيم").
KIND_WORDS = {"غاز", "نفط", "الغاز", "النفط", "نفطي", "غازي"}
# Ordinal stations named by themselves ("المحطة الثالثة"): the noun with the article.
ORDINAL_NOUNS = {"المحطه", "القاعده"}
# Words that lead a compound name ("أبو خشب", "بئر عطشان", "أم التلال").
NAME_LEADS = {"ابو", "ام", "بن", "ابن", "بنت", "عين", "بئر", "بير", "ذات", "عبد", "تل", "رجم",
              "خربه", "جب", "قصر", "راس", "عرق", "ذيل", "حويجه", "الحويجه"}


def fold(text):
    """badia's folding for matching (src/normalize.rs), without the offsets."""
    text = unicodedata.normalize("NFKC", text)
    return DROPPED.sub("", text).translate(FOLD)


def bare(word):
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def noun_of(word, nouns=NOUNS):
    """The place noun a word is, behind clitics (وبمنطقة → منطقه), or None."""
    if word in nouns:
        return word
    for c in CLITICS:
        if word.startswith(c) and word[len(c):] in nouns:
            return word[len(c):]
    return None


def ends_name(word):
    """Whether a word cannot continue a name: a particle, a place noun, a conjunction, a number."""
    return (word in STOP or word.isdigit() or noun_of(word) is not None
            or noun_of(word, AREA_NOUNS) is not None or noun_of(word, ORDINAL_NOUNS) is not None
            or (word.startswith("و") and len(word) > 3 and not word.startswith("وادي")))


def gazetteer_keys(path):
    keys = set()
    for row in csv.DictReader(open(path, encoding="utf-8")):
        for name in [row["name_ar"], *row["alt_names"].split("|")]:
            words = ARABIC_WORD.findall(fold(name))
            if not words:
                continue
            keys.add(" ".join(words))
            keys.add(" ".join([bare(words[0]), *words[1:]]))
            if noun_of(words[0]) and len(words) > 1:  # "حقل التيم" knows "التيم" after حقل
                keys.add(words[0] + "\t" + " ".join(words[1:]))
    return keys


def known(keys, noun, name):
    words = name.split()
    forms = {name, " ".join([bare(words[0]), *words[1:]]), "ال" + name}
    return any(f in keys or (noun + "\t" + f) in keys or (noun + " " + f) in keys for f in forms)


def texts(inputs):
    for path in inputs:
        if os.path.isdir(path):
            for root, _, files in sorted(os.walk(path)):
                for f in sorted(files):
                    if f.endswith(".txt"):
                        yield os.path.join(root, f)
        else:
            yield path


def candidates(words, keys):
    """(noun, name) pairs: the words after a place noun, up to three, as badia gazetteer
    suggest reads them (src/gazetteer/suggest.rs)."""
    for i, w in enumerate(words[:-1]):
        ordinal = noun_of(w, ORDINAL_NOUNS)
        if ordinal and words[i + 1] not in STOP and words[i + 1].startswith("ال"):
            yield ordinal, w[w.index(ordinal):] + " " + words[i + 1]
            continue
        noun = noun_of(w)
        if not noun:
            continue
        j = i + 1
        if words[j] in KIND_WORDS and j + 1 < len(words):
            j += 1
        first = words[j]
        if first in NOT_NAMES or ends_name(first) or len(first) < 3 \
                or any(c.isdigit() for c in first):
            continue
        # A name goes on after a leading word ("أبو") or with a word with the article.
        end = j + 1
        while end < len(words) and end - j < 3 and not ends_name(words[end]) \
                and (words[end - 1] in NAME_LEADS or words[end].startswith("ال")):
            end += 1
        yield noun, " ".join(words[j:end])


def texts_and_weights(args):
    """(source, text, weight) for each input: a text file or folder (weight 1), or with
    `--phrases FILE` a CSV of place phrases read in search results (`phrase`, `excerpts`:
    how many excerpts it was seen in, `first_url`)."""
    if args and args[0] == "--phrases":
        for row in csv.DictReader(open(args[1], encoding="utf-8")):
            yield row["first_url"], row["phrase"], int(row["excerpts"])
        return
    for path in texts(args):
        yield path, open(path, encoding="utf-8", errors="replace").read(), 1


def main(argv):
    show_all = "--all" in argv
    args = [a for a in argv if a != "--all"]
    keys = gazetteer_keys(args[0])
    count, files, nouns = Counter(), defaultdict(set), defaultdict(Counter)
    for source, text, weight in texts_and_weights(args[1:]):
        # Sentence and clause stops end a name.
        for part in re.split(r"[.,،؛:;!?؟()«»\"\n\-–—/]", fold(text)):
            for noun, name in candidates(ARABIC_WORD.findall(part), keys):
                count[name] += weight
                files[name].add(source)
                nouns[name][noun] += weight
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["name_folded", "count", "files", "place_nouns", "known"])
    for name, n in sorted(count.items(), key=lambda kv: (-kv[1], kv[0])):
        noun_list = [k for k, _ in nouns[name].most_common()]
        is_known = any(known(keys, k, name) for k in noun_list)
        if is_known and not show_all:
            continue
        out.writerow([name, n, len(files[name]), "|".join(noun_list), "yes" if is_known else "no"])


if __name__ == "__main__":
    main(sys.argv[1:])
