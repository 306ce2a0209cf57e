#!/usr/bin/env bash
# Generates the voiceprint evaluation sets (issue 25) into a cache outside the repo and prints
# the directory: `calibration/`, `heldout/` to `heldout5/` and `training/`, each with WAV files
# (8 kHz mono PCM-16) and an index `recordings.tsv` (file, voice, sentences, rate, pitch, noise,
# channel).
#
# The split was decided before any scoring and is fixed here; no weight, constant or threshold
# of emulator/voice/voiceprint.ts may be chosen on the held-out set (emulator/README.md, "Evaluation").
#  - Voices: the espeak-ng English variants that are distinct voices (rules below), sorted
#    case-insensitively, alternate: 1st, 3rd, ... calibration; 2nd, 4th, ... held out. Plus the
#    project's generator (emulator/voices.ts): speakers 0-19 calibration, 100-119 held out.
#  - Sentences: calibration uses the fixtures' English sentences (scripts/gen-voice-fixtures.sh);
#    the held-out set 12 sentences used nowhere else in the project.
#  - Speaking rate (espeak-ng -s, words per minute): calibration 150, 190; held out 130, 170, 210.
#  - Pitch (espeak-ng -p, 0-99, default 50): calibration 40, 60; held out 30, 50, 70.
#  - Noise at 20 dB SNR (against the recording's RMS): calibration white, held out pink.
#  - A second held-out set, `heldout2/` (added after the held-out figures of v5 had been looked
#    at, so that the next model's report has a set nobody had seen; evaluate it once, at the end):
#    the held-out set's rates, pitches and noise colour, 12 more sentences used nowhere else,
#    generator speakers 200-219, and 16 espeak-ng voices that did not exist before: variants this
#    script writes into a copy of espeak-ng's data (seeded draws, below, within the span of the
#    shipped variants: base pitch, pitch range, the frequency, height and width of formants 1-5,
#    roughness and breath), so no shipped variant's voice is in it.
#  - A third and a fourth held-out set, `heldout3/` and `heldout4/` (issue 25, the speaker model
#    v7): made before v7's first evaluation; heldout3 like heldout2 (16 narrow new voices, speakers
#    300-319, 12 more sentences), heldout4 (made after heldout1-3 had been seen with v7's first
#    training set, before the final one was trained) with 16 wide new voices, speakers 400-419
#    and 12 more sentences. Each is reported, never chosen on.
#  - A fifth held-out set, `heldout5/` (made after heldout1-4 had all been seen with v7, before
#    the speaker model v8 was chosen; scored once, with the final v8): 16 wide and 16 narrow new
#    voices of their own seeds, generator speakers 420-439, 12 more sentences.
#  - `training/`, what the speaker model is trained on (scripts/train-voiceprint.sh), never
#    scored as a held-out set: generator speakers 20-99 and 500-1399, 640 narrow new voices
#    (t1v01..t16v40) and 2,400 wide ones (w1v01..w60v40), the calibration sentences, rates
#    130-210, pitches 20, 35, 50, 65, 80 (four of them per voice), white noise.
#  - Channel: wideband speech resampled to 8 kHz, or a telephone channel: 300-3400 Hz band,
#    8 kHz, mu-law round trip (8-bit G.711 and back to PCM-16), every set.
# Every voice has 4 recordings, each two sentences long (about 5-7 s), no sentence shared between
# two recordings of a voice: (clean, wideband), (clean, telephone), (noise, wideband),
# (noise, telephone), each with the rate and pitch of a per-voice rotation. So every same-voice
# pair is a different-text pair, and most differ in channel or noise, rate and pitch too.
#
# Variants left out (not distinct voices): whisper, whisperf and caleb (no voicing: no pitch, no
# voiceprint), the robot and effect variants (robosoft*, UniRobot, anikaRobot, Demonic), fast,
# croak, john, grandpa and klatt..klatt6 (the default voice's formants), aunty (f4's formants),
# RicishayMax3 (RicishayMax2's settings), "Mr serious" (a space in its name).
#
# Needs espeak-ng, sox and a built tree (bin/emulator/voices.js, for the generator's voices).
# Deterministic: sox -R; the output depends on the espeak-ng and sox versions, which name the
# cache directory together with this script's hash. Usage: scripts/gen-voice-eval.sh [--force]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
command -v espeak-ng >/dev/null && command -v sox >/dev/null || die "needs espeak-ng and sox (apt-get install -y espeak-ng sox)"
[ -f bin/emulator/voices.js ] || die "build first (npm run build): needs bin/emulator/voices.js"

version="$( (espeak-ng --version | head -1 | sed 's/  Data at.*//'; sox --version; cat "$0" scripts/voice-sentences.sh) | sha256sum | cut -c1-12)"
OUT="$CACHE_DIR/voice-eval/$version"
if [ -f "$OUT/done" ] && [ "${1:-}" != --force ]; then echo "$OUT"; exit 0; fi
rm -rf "$OUT"
mkdir -p "$OUT/calibration" "$OUT/heldout" "$OUT/heldout2" "$OUT/heldout3" "$OUT/heldout4" "$OUT/heldout5" "$OUT/training"

source scripts/voice-sentences.sh
CAL_SENTENCES=("${FIXTURE_EN[@]}" "$FIXTURE_EN_THIRD")
HELD_SENTENCES=(
  "Thank you for calling, your request has been received and will be processed."
  "I need to report a transfer that I never authorised last Friday."
  "The weather was so cold that the pipes froze in the kitchen overnight."
  "Can you tell me why my card was declined at the grocery store?"
  "Our new address is on the corner of Maple Street and Second Avenue."
  "He forgot his password again and locked himself out of the website."
  "Seven large boxes arrived this morning but nobody signed for them."
  "I am calling on behalf of my mother, who cannot come to the phone."
  "Would it be possible to move the appointment to Thursday afternoon?"
  "The children played football in the park until it was completely dark."
  "Please send the statement to my email rather than by regular mail."
  "A loud truck blocked the road for an hour while they unloaded furniture."
)
HELD2_SENTENCES=(
  "My neighbour says the bakery on the hill closes early on Sundays."
  "I would like to dispute a charge from a hotel I have never visited."
  "The river rose quickly after three days of heavy autumn rain."
  "Could you read back the last four digits of the account, please?"
  "She painted the fence bright yellow before the guests arrived."
  "Someone called me pretending to be from your security department."
  "We missed the last train home and had to share a taxi downtown."
  "Please cancel the standing order that starts next month."
  "The old library smells of dust, leather and fresh coffee."
  "I was told my parcel would be delivered before noon on Tuesday."
  "They argued for an hour about who should wash the dishes."
  "Is there any fee for closing the savings account early?"
)

HELD3_SENTENCES=(
  "The plumber promised to come between nine and eleven but never showed up."
  "I received a letter saying my loan application had been approved."
  "Our dog barks every time the postman walks past the front gate."
  "Why was I charged twice for the same flight to Lisbon?"
  "The museum is closed on Mondays except during the school holidays."
  "Somebody changed the phone number on my profile without asking me."
  "We planted tomatoes, beans and a row of sunflowers along the wall."
  "Please confirm whether the cheque I deposited on Monday has cleared."
  "The bridge was closed for repairs so we drove the long way round."
  "My brother lent me his car while mine was at the garage."
  "I never gave anyone permission to open a credit line in my name."
  "The orchestra rehearsed the final movement until almost midnight."
)
HELD4_SENTENCES=(
  "The kettle whistled while she searched the drawer for matches."
  "I am worried that someone has been reading my text messages."
  "Last winter the lake froze solid and we walked across to the island."
  "Could you explain the interest rate on my new mortgage offer?"
  "The farmer sold apples, pears and honey at the Saturday market."
  "A man called yesterday claiming to be my grandson and asked for money."
  "Our flight was delayed by four hours because of a storm in Chicago."
  "Please update my mailing address before the next statement goes out."
  "The painter left a ladder leaning against the garden shed."
  "My wallet was stolen on the bus and I need to block every card."
  "We celebrated her birthday with a picnic beside the old windmill."
  "Why does my balance show a withdrawal I do not recognise?"
)
HELD5_SENTENCES=(
  "The lighthouse keeper rowed out to the rocks before the tide turned."
  "Somebody ordered a new phone on my account and had it sent abroad."
  "My aunt keeps bees behind the cottage and sells the wax candles."
  "How long will it take for the refund to reach my current account?"
  "The choir sang carols outside the station on a freezing December evening."
  "I think my email was hacked because friends are getting strange requests."
  "We rented a small boat and spent the afternoon fishing on the reservoir."
  "Please tell me which documents I need to bring to the branch."
  "A fox dug under the fence and frightened all the chickens."
  "The caller knew my date of birth and the name of my first school."
  "They rebuilt the old mill into flats with a view over the valley."
  "Can I set a daily limit on transfers made from the mobile app?"
)
# Distinct English voices: every variant but the ones excluded above, sorted case-insensitively.
EXCLUDE=" whisper whisperf caleb robosoft robosoft2 robosoft3 robosoft4 robosoft5 robosoft6 robosoft7 robosoft8 UniRobot anikaRobot Demonic fast croak john grandpa klatt klatt2 klatt3 klatt4 klatt5 klatt6 aunty RicishayMax3 "
VARIANT_DIR="$(espeak-ng --version | sed -n 's/.*Data at: *//p')/voices/!v"
mapfile -t ALL < <(ls "$VARIANT_DIR" | grep -v ' ' | LC_ALL=C sort -f)
CAL_VOICES=() HELD_VOICES=()
k=0
for v in "${ALL[@]}"; do
  [[ $EXCLUDE == *" $v "* ]] && continue
  if ((k % 2 == 0)); then CAL_VOICES+=("$v"); else HELD_VOICES+=("$v"); fi
  k=$((k + 1))
done

# $1 input wav (any rate), $2 output, $3 noise (none|whitenoise|pinknoise), $4 channel (wide|phone)
post() {
  local in=$1 out=$2 noise=$3 channel=$4 tmp
  tmp=$(mktemp -d)
  sox -R -D "$in" -r 8000 -c 1 -b 16 -e signed-integer "$tmp/a.wav" gain -n -6 silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse
  if [ "$noise" != none ]; then
    local rms dur
    rms=$(sox "$tmp/a.wav" -n stat 2>&1 | awk '/RMS +amplitude/ {print $3}')
    dur=$(soxi -D "$tmp/a.wav")
    # Noise whose RMS is the speech's RMS - 20 dB (synth noise at amplitude A has RMS ~A/sqrt(3)
    # for white; measured and corrected below for either colour).
    sox -R -n -r 8000 -c 1 -b 16 -e signed-integer "$tmp/n0.wav" synth "$dur" "$noise" vol 0.5
    local nrms
    nrms=$(sox "$tmp/n0.wav" -n stat 2>&1 | awk '/RMS +amplitude/ {print $3}')
    sox -R "$tmp/n0.wav" "$tmp/n.wav" vol "$(awk -v s="$rms" -v n="$nrms" 'BEGIN{print s/n/10}')"
    sox -R -m "$tmp/a.wav" "$tmp/n.wav" "$tmp/b.wav"
    mv "$tmp/b.wav" "$tmp/a.wav"
  fi
  if [ "$channel" = phone ]; then
    sox -R "$tmp/a.wav" -r 8000 -e mu-law -b 8 "$tmp/u.wav" sinc 300-3400
    sox -R "$tmp/u.wav" -e signed-integer -b 16 "$out"
  else
    cp "$tmp/a.wav" "$out"
  fi
  rm -rf "$tmp"
}

CONDITIONS=("none wide" "none phone" "NOISE wide" "NOISE phone")

# $1 set, $2 noise colour, $3 rates (space separated), $4 pitches, $5.. voices; sentences in S.
make_set() {
  local set=$1 colour=$2 rates=($3) pitches=($4)
  shift 4
  local dir="$OUT/$set" i=0 ns=${#S[@]} seed=0
  [ "$set" = heldout ] && seed=1000
  [ "$set" = heldout2 ] && seed=2000
  [ "$set" = heldout3 ] && seed=3000
  [ "$set" = training ] && seed=4000
  [ "$set" = heldout4 ] && seed=5000
  [ "$set" = heldout5 ] && seed=6000
  if [ "${APPEND:-0}" = 1 ]; then # more voices into the set: the rotation goes on
    i=$((($(wc -l <"$dir/recordings.tsv") - 1) / 4))
  else
    printf 'file\tvoice\tsentences\trate\tpitch\tnoise\tchannel\n' >"$dir/recordings.tsv"
  fi
  for v in "$@"; do
    for r in 0 1 2 3; do
      # Sentences 2r and 2r+1 of a per-voice rotation: the 4 recordings share none.
      local a=$(((i + 2 * r) % ns)) b=$(((i + 2 * r + 1) % ns))
      local rate=${rates[$(((i + r) % ${#rates[@]}))]} pitch=${pitches[$(((i + 2 * r + 1) % ${#pitches[@]}))]}
      local cond=(${CONDITIONS[$(((r + i) % 4))]}) noise channel
      noise=${cond[0]/NOISE/$colour}
      channel=${cond[1]}
      local name="$v-$((r + 1)).wav" tmp
      tmp=$(mktemp --suffix=.wav)
      if [[ $v == gen* ]]; then
        node -e 'require("fs").writeFileSync(process.argv[1], require("./bin/emulator/voices.js").speakerWav(Number(process.argv[2]), Number(process.argv[3]), { seconds: 6 }))' "$tmp" "${v#gen}" "$((seed + r + 1))"
        rate=- pitch=-
      else
        espeak-ng "${ESPEAK_PATH[@]}" -v "en+$v" -s "$rate" -p "$pitch" -w "$tmp" "${S[$a]} ${S[$b]}"
      fi
      post "$tmp" "$dir/$name" "$noise" "$channel"
      rm -f "$tmp"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$v" "$a,$b" "$rate" "$pitch" "$noise" "$channel" >>"$dir/recordings.tsv"
    done
    i=$((i + 1))
  done
}

# New voices for heldout2-4 and training: espeak-ng variants in a copy of its data directory,
# drawn by a seeded generator (a 32-bit LCG, so the same on every machine). Alternately male and
# female. Narrow draws (heldout2, heldout3, training batches t1-t6): base pitch and range (Hz)
# from the shipped variants' span for that gender; formants 1-5: frequency 88-115%, height
# 70-130%, width 80-150%; roughness 0-3; half of them breathy. heldout2's 16 (`h2v01`..) are the
# first drawn from seed 20261204. Wide draws (heldout4, training batches w1-w20), the span of
# the shipped variants: base pitch 60-130 Hz (male) or 130-260 Hz (female) and a range of
# 1.2-1.8 times it; formants 1-5 at 80-150% (one factor for all, times 92-108% each), height
# 60-140%, width 70-160%; roughness 0-4; flutter 0-20; voicing 40-100; a random `tone`
# (spectral tilt) curve for half of them; breathy for a quarter.
ESPEAK_COPY="$OUT/espeak"
mkdir -p "$ESPEAK_COPY"
cp -r "$(espeak-ng --version | sed -n 's/.*Data at: *//p')" "$ESPEAK_COPY/espeak-ng-data"
draw() { # $1 low, $2 high (integers): sets R to a value in [low, high]
  lcg=$(((lcg * 1103515245 + 12345) % 2147483648))
  R=$(($1 + (lcg / 65536) % ($2 - $1 + 1)))
}
# $1 prefix, $2 count, $3 seed, $4 narrow|wide: writes the variants and sets VOICES to their
# names. One set's variants at a time (drop_voices removes them): espeak-ng lists at most 349
# voices.
new_voices() {
  local prefix=$1 count=$2 n name lo hi k fq ht wd
  lcg=$3
  if [ "${4:-narrow}" = wide ]; then new_wide_voices "$@"; return; fi
  VOICES=()
  for n in $(seq 1 "$count"); do
    name=$(printf '%s%02d' "$prefix" "$n")
    VOICES+=("$name")
    {
      echo "language variant"
      echo "name $name"
      if ((n % 2)); then echo "gender male"; draw 70 105; lo=$R; draw 115 145; hi=$R
      else echo "gender female"; draw 140 195; lo=$R; draw 210 280; hi=$R; fi
      echo "pitch $lo $hi"
      echo "formant 0 100 100 100"
      for k in 1 2 3 4 5; do draw 88 115; fq=$R; draw 70 130; ht=$R; draw 80 150; wd=$R; echo "formant $k $fq $ht $wd"; done
      draw 0 3; echo "roughness $R"
      draw 0 1; if ((R)); then echo "breath 0 2 3 3 3 3 3 2"; fi
    } >"$ESPEAK_COPY/espeak-ng-data/voices/!v/$name"
  done
}
new_wide_voices() {
  local prefix=$1 count=$2 n name lo hi k fq ht wd scale
  VOICES=()
  for n in $(seq 1 "$count"); do
    name=$(printf '%s%02d' "$prefix" "$n")
    VOICES+=("$name")
    {
      echo "language variant"
      echo "name $name"
      if ((n % 2)); then echo "gender male"; draw 60 130; else echo "gender female"; draw 130 260; fi
      lo=$R; draw 120 180; hi=$((lo * R / 100))
      echo "pitch $lo $hi"
      echo "formant 0 100 100 100"
      draw 80 150; scale=$R
      for k in 1 2 3 4 5; do draw 92 108; fq=$((scale * R / 100)); draw 60 140; ht=$R; draw 70 160; wd=$R; echo "formant $k $fq $ht $wd"; done
      draw 0 4; echo "roughness $R"
      draw 0 20; echo "flutter $R"
      draw 40 100; echo "voicing $R"
      draw 0 1; if ((R)); then
        local a b c d
        draw 100 600; a=$R; draw 100 300; b=$R; draw 800 2000; c=$R; draw 50 200; d=$R
        local e f g h
        draw 2200 3200; e=$R; draw 30 150; f=$R; draw 3400 4500; g=$R; draw 20 100; h=$R
        echo "tone $a $b $c $d $e $f $g $h"
      fi
      draw 0 3; if ((R == 0)); then echo "breath 0 2 3 3 3 3 3 2"; fi
    } >"$ESPEAK_COPY/espeak-ng-data/voices/!v/$name"
  done
}
drop_voices() { local v; for v in "${VOICES[@]}"; do rm "$ESPEAK_COPY/espeak-ng-data/voices/!v/$v"; done; }
ESPEAK_PATH=()
S=("${CAL_SENTENCES[@]}")
make_set calibration whitenoise "150 190" "40 60" "${CAL_VOICES[@]}" $(for s in $(seq 0 19); do echo "gen$s"; done)
S=("${HELD_SENTENCES[@]}")
make_set heldout pinknoise "130 170 210" "30 50 70" "${HELD_VOICES[@]}" $(for s in $(seq 100 119); do echo "gen$s"; done)
ESPEAK_PATH=(--path="$ESPEAK_COPY")
S=("${HELD2_SENTENCES[@]}")
new_voices h2v 16 20261204
make_set heldout2 pinknoise "130 170 210" "30 50 70" "${VOICES[@]}" $(for s in $(seq 200 219); do echo "gen$s"; done)
drop_voices
S=("${HELD3_SENTENCES[@]}")
new_voices h3v 16 20261205
make_set heldout3 pinknoise "130 170 210" "30 50 70" "${VOICES[@]}" $(for s in $(seq 300 319); do echo "gen$s"; done)
drop_voices
S=("${CAL_SENTENCES[@]}")
make_set training whitenoise "130 150 170 190 210" "20 35 50 65 80" $(for s in $(seq 20 99); do echo "gen$s"; done)
for batch in 1 2 3 4 5 6; do # 40 at a time (espeak-ng's voice list)
  new_voices "t${batch}v" 40 "2026120$((5 + batch))"
  APPEND=1 make_set training whitenoise "130 150 170 190 210" "20 35 50 65 80" "${VOICES[@]}"
  drop_voices
done
for batch in $(seq 1 20); do
  new_voices "w${batch}v" 40 "$((20261300 + batch))" wide
  APPEND=1 make_set training whitenoise "130 150 170 190 210" "20 35 50 65 80" "${VOICES[@]}"
  drop_voices
done
APPEND=1 make_set training whitenoise "130 150 170 190 210" "20 35 50 65 80" $(for s in $(seq 500 739); do echo "gen$s"; done)
# More training voices (the speaker model v8): data is what helped v7 most.
for batch in $(seq 21 40); do
  new_voices "w${batch}v" 40 "$((20261300 + batch))" wide
  APPEND=1 make_set training whitenoise "130 150 170 190 210" "20 35 50 65 80" "${VOICES[@]}"
  drop_voices
done
APPEND=1 make_set training whitenoise "130 150 170 190 210" "20 35 50 65 80" $(for s in $(seq 740 999); do echo "gen$s"; done)
for batch in $(seq 7 16); do
  new_voices "t${batch}v" 40 "$((20261600 + batch))"
  APPEND=1 make_set training whitenoise "130 150 170 190 210" "20 35 50 65 80" "${VOICES[@]}"
  drop_voices
done
for batch in $(seq 41 60); do
  new_voices "w${batch}v" 40 "$((20261300 + batch))" wide
  APPEND=1 make_set training whitenoise "130 150 170 190 210" "20 35 50 65 80" "${VOICES[@]}"
  drop_voices
done
APPEND=1 make_set training whitenoise "130 150 170 190 210" "20 35 50 65 80" $(for s in $(seq 1000 1399); do echo "gen$s"; done)
# The fourth held-out set: wide voices of their own seed, generator speakers 400-419, 12 more
# sentences.
S=("${HELD4_SENTENCES[@]}")
new_voices h4v 16 20261400 wide
make_set heldout4 pinknoise "130 170 210" "30 50 70" "${VOICES[@]}" $(for s in $(seq 400 419); do echo "gen$s"; done)
drop_voices
# The fifth: 16 wide and 16 narrow voices of their own seeds, speakers 420-439, 12 more sentences.
S=("${HELD5_SENTENCES[@]}")
new_voices h5w 16 20261500 wide
HELD5_VOICES=("${VOICES[@]}")
new_voices h5n 16 20261501
VOICES=("${HELD5_VOICES[@]}" "${VOICES[@]}")
make_set heldout5 pinknoise "130 170 210" "30 50 70" "${VOICES[@]}" $(for s in $(seq 420 439); do echo "gen$s"; done)
drop_voices
rm -rf "$ESPEAK_COPY"
{ espeak-ng --version | head -1 | sed 's/  Data at.*//'; sox --version; } >"$OUT/VERSION"
touch "$OUT/done"
echo "$OUT"
