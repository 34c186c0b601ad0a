"""Cues other than a reporting verb with its subject: "according to"."""


def test_according_to_takes_the_rest_of_the_sentence(only):
    att = only("Unemployment fell to 3.5 percent last month, according to the Labor Department.")
    assert att.cue == "according to"
    assert att.speaker.name == "Labor Department"
    assert att.content == "Unemployment fell to 3.5 percent last month"
