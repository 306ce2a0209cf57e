#!/usr/bin/env bash
# Generates the voiceprint evaluation sets (issue 25) into a cache outside the repo and prints
# the directory: `calibration/`, `heldout/` to `heldout8/` and `training/` to `training5/`, each
# with WAV files (8 kHz mono PCM-16) and an index `recordings.tsv` (file, voice, sentences, rate,
# pitch, noise, channel).
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
#  - A sixth, `heldout6/` (made after heldout1-5 had been seen with v8, before the speaker model
#    v9 was chosen; scored once, with the final v9): like the fifth, with its own seeds,
#    generator speakers 440-459 and 12 more sentences.
#  - A seventh, `heldout7/` (made after heldout1-6 had been seen with v9, before the speaker model
#    v10 was chosen; scored once, with the final v10): like the sixth, with its own seeds,
#    generator speakers 460-479 and 12 more sentences.
#  - An eighth, `heldout8/` (made after heldout1-7 had been seen with v10, before any choice for
#    the next model; a second fresh set for v10 too): like the seventh, with its own seeds,
#    generator speakers 480-499 and 12 more sentences.
#  - `training/` to `training5/`, what the speaker model is trained on
#    (scripts/train-voiceprint.sh), never scored as a held-out set: generator speakers 20-99 and
#    500-2799, 1,920 narrow new voices (t1v01..t48v40) and 7,200 wide ones (w1v01..w180v40), the
#    calibration sentences, rates 130-210, pitches 20, 35, 50, 65, 80 (four of them per voice),
#    white noise. `training2/` and `training3/` (v9) doubled the voices of `training/`;
#    `training4/` and `training5/` (v10) added half as many again.
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
# Deterministic: sox -R. Each set is cached on its own, under `sets/<set>-<key>`: the key hashes
# the espeak-ng and sox versions, the functions and lists every set shares and the set's own
# definition (set_key), so adding a set makes only that one (missing sets are made one per core).
# The printed directory links the current sets by name. Usage: scripts/gen-voice-eval.sh [--force]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
command -v espeak-ng >/dev/null && command -v sox >/dev/null || die "needs espeak-ng and sox (apt-get install -y espeak-ng sox)"
[ -f bin/emulator/voices.js ] || die "build first (npm run build): needs bin/emulator/voices.js"
ESPEAK_DATA="$(espeak-ng --version | sed -n 's/.*Data at: *//p')"
TOOLS="$(espeak-ng --version | head -1 | sed 's/  Data at.*//'; sox --version)"

source scripts/voice-sentences.sh
CAL_SENTENCES=("${FIXTURE_EN[@]}" "$FIXTURE_EN_THIRD")
# Distinct English voices: every variant but the ones excluded above, sorted case-insensitively.
EXCLUDE=" whisper whisperf caleb robosoft robosoft2 robosoft3 robosoft4 robosoft5 robosoft6 robosoft7 robosoft8 UniRobot anikaRobot Demonic fast croak john grandpa klatt klatt2 klatt3 klatt4 klatt5 klatt6 aunty RicishayMax3 "
VARIANT_DIR="$ESPEAK_DATA/voices/!v"
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

# Appends voices to the set being made ($SET_DIR: the first call starts its index, each further
# call goes on with the rotation). $1 noise colour, $2 rates (space separated), $3 pitches,
# $4.. voices; sentences in S, the generator's utterance seeds from GEN_SEED.
make_set() {
  local colour=$1 rates=($2) pitches=($3)
  shift 3
  local dir="$SET_DIR" i=0 ns=${#S[@]} seed=$GEN_SEED
  if [ -f "$dir/recordings.tsv" ]; then
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
gens() { seq -f 'gen%g' "$1" "$2"; } # generator speakers $1..$2

# New voices for heldout2-8 and training: espeak-ng variants in the set's own copy of espeak-ng's
# data directory ($ESPEAK_COPY), drawn by a seeded generator (a 32-bit LCG, so the same on every
# machine). Alternately male and female. Narrow draws (heldout2, heldout3, h5n to h8n, training
# batches t1-t48): base pitch and range (Hz) from the shipped variants' span for that gender;
# formants 1-5: frequency 88-115%, height 70-130%, width 80-150%; roughness 0-3; half of them
# breathy. heldout2's 16 (`h2v01`..) are the first drawn from seed 20261204. Wide draws (heldout4,
# h5w to h8w, training batches w1-w180), the span of the shipped variants: base pitch 60-130 Hz
# (male) or 130-260 Hz (female) and a range of 1.2-1.8 times it; formants 1-5 at 80-150% (one
# factor for all, times 92-108% each), height 60-140%, width 70-160%; roughness 0-4; flutter 0-20;
# voicing 40-100; a random `tone` (spectral tilt) curve for half of them; breathy for a quarter.
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
# A held-out set's recordings: 3 rates, 3 pitches, pink noise. $@ the voices.
held_out() { make_set pinknoise "130 170 210" "30 50 70" "$@"; }
# Training recordings: 5 rates, 5 pitches, white noise. $@ the voices.
train() { make_set whitenoise "130 150 170 190 210" "20 35 50 65 80" "$@"; }
# 40 new training voices (espeak-ng lists at most 349): $1 prefix, $2 seed, $3 narrow|wide.
train_batch() { new_voices "$1" 40 "$2" "$3"; train "${VOICES[@]}"; drop_voices; }
# Held outs 5-8: 16 wide new voices ($1w01.., seed $2), 16 narrow ones ($1n01.., seed $2 + 1) and
# generator speakers $3..$4.
held_out_mixed() {
  new_voices "${1}w" 16 "$2" wide
  local wide=("${VOICES[@]}")
  new_voices "${1}n" 16 "$(($2 + 1))"
  held_out "${wide[@]}" "${VOICES[@]}" $(gens "$3" "$4")
}
# Training sets 2-5: 30 wide batches of 40 voices from w$1v (seeds 20262000 + batch), 8 narrow
# ones from t$2v (seeds 20261600 + batch) and generator speakers $3..$4.
train_mixed() {
  local batch
  for batch in $(seq "$1" $(($1 + 29))); do train_batch "w${batch}v" "$((20262000 + batch))" wide; done
  for batch in $(seq "$2" $(($2 + 7))); do train_batch "t${batch}v" "$((20261600 + batch))" narrow; done
  train $(gens "$3" "$4")
}

# The sets. Each is made in a subshell, in its own directory with its own copy of espeak-ng's
# data, from the functions above and its own definition below; together they name its cache
# directory, so a new or changed set is made alone and the others are kept.
set_calibration() {
  ESPEAK_PATH=() S=("${CAL_SENTENCES[@]}") GEN_SEED=0
  make_set whitenoise "150 190" "40 60" "${CAL_VOICES[@]}" $(gens 0 19)
}
set_heldout() {
  ESPEAK_PATH=() GEN_SEED=1000
  S=(
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
  held_out "${HELD_VOICES[@]}" $(gens 100 119)
}
set_heldout2() {
  GEN_SEED=2000
  S=(
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
  new_voices h2v 16 20261204
  held_out "${VOICES[@]}" $(gens 200 219)
}
set_heldout3() {
  GEN_SEED=3000
  S=(
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
  new_voices h3v 16 20261205
  held_out "${VOICES[@]}" $(gens 300 319)
}
set_training() {
  S=("${CAL_SENTENCES[@]}") GEN_SEED=4000
  local batch
  train $(gens 20 99)
  # The narrow batches t1-t6 are seeded 20261206..20261209, 202612010 and 202612011 (a
  # concatenation, kept as made).
  for batch in 1 2 3 4 5 6; do train_batch "t${batch}v" "2026120$((5 + batch))" narrow; done
  for batch in $(seq 1 20); do train_batch "w${batch}v" "$((20261300 + batch))" wide; done
  train $(gens 500 739)
  # More training voices (the speaker model v8): data is what helped v7 most.
  for batch in $(seq 21 40); do train_batch "w${batch}v" "$((20261300 + batch))" wide; done
  train $(gens 740 999)
  for batch in $(seq 7 16); do train_batch "t${batch}v" "$((20261600 + batch))" narrow; done
  for batch in $(seq 41 60); do train_batch "w${batch}v" "$((20261300 + batch))" wide; done
  train $(gens 1000 1399)
}
# The fourth held-out set: wide voices of their own seed, generator speakers 400-419, 12 more
# sentences.
set_heldout4() {
  GEN_SEED=5000
  S=(
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
  new_voices h4v 16 20261400 wide
  held_out "${VOICES[@]}" $(gens 400 419)
}
# The fifth: 16 wide and 16 narrow voices of their own seeds, speakers 420-439, 12 more sentences.
set_heldout5() {
  GEN_SEED=6000
  S=(
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
  held_out_mixed h5 20261500 420 439
}
# The sixth (made before the speaker model v9 was chosen; scored once, with the final v9): like
# the fifth, with its own seeds, speakers 440-459 and 12 more sentences.
set_heldout6() {
  GEN_SEED=7000
  S=(
    "The baker's van broke down outside the church on Christmas morning."
    "My card was used to buy concert tickets in a city I have never been to."
    "We found an old map of the village hidden behind the kitchen dresser."
    "Could you explain why the transfer I made on Friday has not arrived?"
    "The goalkeeper slipped in the mud and the crowd groaned loudly."
    "A woman rang me saying she was from the tax office and wanted my PIN."
    "They sailed along the coast for a week and anchored in quiet bays."
    "Please remove my old phone number from all of your records."
    "The clock in the hallway stopped at exactly a quarter past three."
    "I would like to know who authorised the new payee on my account."
    "Snow fell all night and buried the bicycles in the courtyard."
    "How many days does it take to receive a replacement debit card?"
  )
  held_out_mixed h6 20261700 440 459
}
# Twice the training voices (the speaker model v9), in two sets that two cores make at once.
# The wide batches' seeds start again at 20262000 (20261300 + 100 is heldout4's seed).
set_training2() {
  S=("${CAL_SENTENCES[@]}") GEN_SEED=8000
  train_mixed 61 17 1400 1749
}
set_training3() {
  S=("${CAL_SENTENCES[@]}") GEN_SEED=9000
  train_mixed 91 25 1750 2099
}
# The seventh (made before the speaker model v10 was chosen; scored once, with the final v10):
# like the sixth, with its own seeds, speakers 460-479 and 12 more sentences.
set_heldout7() {
  GEN_SEED=10000
  S=(
    "The postman left a parcel with the neighbours while we were on holiday."
    "I noticed two payments to a gym I have never joined."
    "Heavy fog closed the airport and every flight was sent to another city."
    "Could you send me a copy of the contract I signed in March?"
    "The twins built a tree house at the bottom of their grandfather's garden."
    "A stranger phoned claiming my account would be frozen unless I paid today."
    "We followed the river path until we reached the ruined abbey."
    "Please stop the paper statements and switch me to online banking."
    "The bakery ran out of bread before the market even opened."
    "My daughter lost her card at the swimming pool on Saturday."
    "The violinist tuned her instrument while the audience found their seats."
    "Is it possible to raise the limit on my credit card for one month?"
  )
  held_out_mixed h7 20261800 460 479
}
# The eighth (made after v10 was final, before anything of a next model was chosen; scored once
# with v10): like the seventh, with its own seeds, speakers 480-499 and 12 more sentences.
set_heldout8() {
  GEN_SEED=13000
  S=(
    "The plumber promised to come back on Tuesday with the right spare part."
    "Somebody opened a loan in my name and I only found out this week."
    "A flock of geese flew low over the lake just before the storm."
    "Could you confirm whether the refund has reached my savings account?"
    "Grandmother keeps her best recipes in a tin box above the cooker."
    "The caller knew my date of birth but got my middle name wrong."
    "We rented a small cabin near the coast for the first week of June."
    "Please close the joint account once the final bill has been paid."
    "The orchestra rehearsed the symphony twice before the evening concert."
    "My son dropped his phone in the harbour while feeding the seagulls."
    "Thick snow covered the village and the school bus never came."
    "How long will it take for the new card to arrive by post?"
  )
  held_out_mixed h8 20261900 480 499
}
# Half as many voices again (the speaker model v10): training2 and training3's shape, next seeds.
set_training4() {
  S=("${CAL_SENTENCES[@]}") GEN_SEED=11000
  train_mixed 121 33 2100 2449
}
set_training5() {
  S=("${CAL_SENTENCES[@]}") GEN_SEED=12000
  train_mixed 151 41 2450 2799
}
SETS=(calibration heldout heldout2 heldout3 heldout4 heldout5 heldout6 heldout7 heldout8 training training2 training3 training4 training5)

# A set's cache key: the tools' versions, what every set shares (the functions and lists above),
# its own definition and the helpers only some sets call (held_out_mixed, train_mixed), each in
# the key of the sets that call it: a change to one remakes only those.
set_key() {
  local helper
  {
    echo "$TOOLS"
    declare -f post make_set gens draw new_voices new_wide_voices drop_voices held_out train train_batch "set_$1"
    for helper in held_out_mixed train_mixed; do
      if declare -f "set_$1" | grep -qw "$helper"; then declare -f "$helper"; fi
    done
    declare -p CAL_SENTENCES CAL_VOICES HELD_VOICES CONDITIONS
  } | sha256sum | cut -c1-12
}
# Makes set $1 into the fresh directory $2, in a subshell, with its own copy of espeak-ng's data.
make_one() {
  local set=$1 dir=$2
  rm -rf "$dir" "$dir.espeak"
  mkdir -p "$dir" "$dir.espeak"
  cp -r "$ESPEAK_DATA" "$dir.espeak/espeak-ng-data"
  (
    SET_DIR=$dir ESPEAK_COPY="$dir.espeak" ESPEAK_PATH=(--path="$dir.espeak")
    "set_$set"
  )
  rm -rf "$dir.espeak"
}

force=0
[ "${1:-}" = --force ] && force=1
SETS_DIR="$CACHE_DIR/voice-eval/sets"
mkdir -p "$SETS_DIR"
keys=() todo=()
for set in "${SETS[@]}"; do
  key=$(set_key "$set")
  keys+=("$set-$key")
  if [ "$force" = 1 ] || [ ! -f "$SETS_DIR/$set-$key/done" ]; then todo+=("$set"); fi
done
OUT="$CACHE_DIR/voice-eval/$(printf '%s\n' "${keys[@]}" | sha256sum | cut -c1-12)"
if [ -f "$OUT/done" ] && [ ${#todo[@]} = 0 ]; then echo "$OUT"; exit 0; fi

# The missing sets, one per core. Each is written beside its place and moved in when whole (an
# interrupted run leaves no half set), and waited for by its pid.
declare -A pid_of=()
for set in "${todo[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$(nproc)" ]; do wait -n || true; done
  final="$SETS_DIR/$set-$(set_key "$set")"
  log "voice-eval: making $set (log: $final.log)"
  (make_one "$set" "$final.new" >"$final.log" 2>&1 && touch "$final.new/done" && rm -rf "$final" && mv "$final.new" "$final") &
  pid_of[$set]=$!
done
failed=()
for set in "${todo[@]}"; do wait "${pid_of[$set]}" || failed+=("$set"); done
[ ${#failed[@]} = 0 ] || die "voice-eval: could not make ${failed[*]}; see the logs in $SETS_DIR"

rm -rf "$OUT"
mkdir -p "$OUT"
for k in "${keys[@]}"; do ln -s "../sets/$k" "$OUT/${k%-*}"; done
echo "$TOOLS" >"$OUT/VERSION"
touch "$OUT/done"
echo "$OUT"
