# The English sentences of the voice fixtures (scripts/gen-voice-fixtures.sh), which are also the
# calibration sentences of the voiceprint evaluation (scripts/gen-voice-eval.sh). Sourced.
# shellcheck disable=SC2034
FIXTURE_EN=(
  "The quick brown fox jumps over the lazy dog near the river bank."
  "Please call me back tomorrow morning about the missing payment."
  "My account number changed when I moved to another city last year."
  "She sells sea shells by the sea shore every summer afternoon."
  "I would like to check the balance of my savings account today."
  "We lost the keys somewhere between the station and the office."
  "Could you read the last four digits of the card again slowly."
)
# The third sentence of every English fixture voice (not among the sentences above).
FIXTURE_EN_THIRD="Nobody answered the phone at the branch when I tried yesterday evening."
