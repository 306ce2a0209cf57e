#!/usr/bin/env bash
# Regenerates tests/fixtures/voices: speech from espeak-ng (a text-to-speech engine the project
# did not write) for the voiceprint separation test. Each voice (a language + an espeak-ng
# variant, i.e. its own pitch range and formant settings) reads two different sentences, then a
# third that no voice reads for its first two (the same held-out sentence for every voice of a
# language: a check that a voice matches itself on words the pairs of the first two never
# share); the files are 8 kHz mono PCM-16 WAV, 3 s each, leading silence trimmed.
#
# Needs espeak-ng and sox (Debian: apt-get install -y espeak-ng sox). The output depends on the
# espeak-ng version, which is written to tests/fixtures/voices/VERSION; the committed files are
# what the test uses, so CI needs neither tool.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=tests/fixtures/voices
mkdir -p "$OUT"
rm -f "$OUT"/*.wav

source scripts/voice-sentences.sh
EN=("${FIXTURE_EN[@]}")
# The third sentence of every voice of a language (not among the sentences above).
declare -A THIRD=(
  [en]="$FIXTURE_EN_THIRD"
  [de]="Gestern habe ich meine Karte verloren und brauche jetzt eine neue."
  [fr]="Hier j'ai perdu ma carte et il me faut maintenant une nouvelle."
  [es]="Ayer perdí mi tarjeta y ahora necesito una nueva, por favor."
  [it]="Ieri ho perso la mia carta e adesso me ne serve una nuova."
)
declare -A OTHER=(
  [de]="Guten Morgen, ich möchte bitte meinen Kontostand erfahren.|Der Zug nach Berlin fährt heute leider eine Stunde später ab."
  [fr]="Bonjour, je voudrais connaître le solde de mon compte.|Le train pour Paris partira avec une heure de retard aujourd'hui."
  [es]="Buenos días, quisiera saber el saldo de mi cuenta por favor.|El tren para Madrid saldrá hoy con una hora de retraso."
  [it]="Buongiorno, vorrei sapere il saldo del mio conto corrente.|Il treno per Roma partirà oggi con un'ora di ritardo."
)

# voice name -> espeak-ng -v argument. Each voice has its own variant, so no two voices share
# pitch range and formant settings.
VOICES=(
  "en:en"
  "en-m1:en+m1" "en-m2:en+m2" "en-m3:en+m3" "en-m4:en+m4" "en-m5:en+m5" "en-m6:en+m6" "en-m7:en+m7"
  "en-f1:en+f1" "en-f2:en+f2" "en-f3:en+f3" "en-f4:en+f4" "en-f5:en+f5"
  "de-andy:de+Andy" "fr-annie:fr+Annie" "es-alex:es+Alex" "it-m8:it+m8"
)

i=0
for entry in "${VOICES[@]}"; do
  name=${entry%%:*}
  voice=${entry#*:}
  lang=${voice%%+*}
  if [[ $lang == en ]]; then
    texts=("${EN[$((i % ${#EN[@]}))]}" "${EN[$(((i + 3) % ${#EN[@]}))]}")
  else
    IFS='|' read -r -a texts <<<"${OTHER[$lang]}"
  fi
  texts+=("${THIRD[$lang]}")
  for u in 0 1 2; do
    tmp=$(mktemp --suffix=.wav)
    espeak-ng -v "$voice" -w "$tmp" "${texts[$u]}"
    sox -R -D "$tmp" -r 8000 -c 1 -b 16 -e signed-integer "$OUT/$name-$((u + 1)).wav" gain -n -3 silence 1 0.02 0.5% trim 0 3
    rm -f "$tmp"
  done
  i=$((i + 1))
done
espeak-ng --version | head -1 | sed "s/  Data at.*//" >"$OUT/VERSION"
du -ch "$OUT"/*.wav | tail -1
