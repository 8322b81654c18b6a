"""Does a questioner's turn ask? (issue 13, "question turns")

A host, a moderator, a chair or a justice says much that asks nothing: a welcome, "Thank you.",
"That's time.", the rules, "Senator Roe, you're recognised.", a hand-off, an ad read, "Okay.". Only
the turns that ask or invite the other side to answer are questions; the builder makes the rest
"other" (they open no pair). :func:`asks` decides from the turn's text alone, sentence by sentence:

1. a real question mark asks (courtesy questions such as "How are you?" or "Can you hear me?" set
   aside); a rhetorical question counts too: the text cannot tell it apart;
2. a turn cut off mid-sentence asks once a question has begun ("Senator, why --", "So what you are
   saying is..."); cut off before that ("Counsel --", "Governor Christie, we will -- we will...") it
   asks nothing: moderators are cut off as they take the floor back, and counsel's reply goes on
   answering the question before (under a ``Q`` label a cut-off turn still asks);
3. prompts without "?" ask: imperatives that elicit ("Tell me about ...", "Walk us through ...",
   "Talk to us about ..."), announced questions ("I want to ask ...", "My question is ..."),
   cues that pass the question on ("Governor, your response.", "Same question to you."), and
   questions typed without their mark ("Can you say more about that.");
4. a turn made only of thanks, greetings, acknowledgements, welcomes and introductions, time
   calls, rules, floor-giving (a name alone, even with a question mark: "Senator Rubio?"; the time
   given: "Governor Hale, two minutes."; "your opening statement"), hand-offs and ad reads asks
   nothing (except under a ``Q`` label);
5. a short leading statement to the other side ("And then you left.", "But the gates don't hold
   permits.") asks, as in an examination;
6. any other statement asks nothing, except where the caller says statements ask
   (``statements_ask=True``: the builder says so for a ``Q`` label and the caller's own interviewer):
   a reporter's statement at a briefing is the question the official answers. A justice's remark
   with no question form ("I don't understand that distinction.") asks nothing, as readers count it;
   counsel's reply joins the question before.

Text with no sentence punctuation at all (speech-to-text captions) is judged by its words only: it
asks unless it is only thanks or acknowledgements. Known limits: a statement the guest takes as a
question is missed (rule 6), and a host's rhetorical question counts (rule 1).

The word lists are hand-written (no library classifies elicitation turns); each family is tested in
tests/analysis/transcripts/test_asking.py.
"""

from __future__ import annotations

import re

from .. import datafiles

# A turn longer than this (in characters) is never only thanks, greetings or acknowledgements: the
# longest such Q turn of the 1,154 White House briefings has 86 ("Thanks, Jen. And thanks for
# continuing to take questions despite this weird situation.").
IDLE_MAX_CHARS = 200
PUNCTUATION = re.compile(r"[.!?\u2026]")
PART_BREAK = re.compile(r"[,;:]\s*|\s+[\u2014\u2013-]+\s+|--+")
# Stage directions and editorial brackets are not what the speaker said: "(Laughter.)", "[crosstalk]".
BRACKETS = re.compile(r"\([^()]{0,80}\)|\[[^\[\]]{0,200}\]")
# Abbreviations whose full stop ends no sentence ("Mrs. Palmer", "Dr. Chu", "U.S. troops"): the list the
# sentence splitter uses (data/wordlists/abbreviations.txt), and "No." of a case or bill number; a single
# letter's full stop ends none either ("J. Smith").
ABBREVIATIONS = frozenset(datafiles.word_list(datafiles.ABBREVIATIONS)) | {"no"}
SENTENCE = re.compile(r"[^.!?\u2026]+(?:[.!?\u2026]+[\"'\u201d\u2019)\]]*|$)")
# A turn cut off: it ends in a dash or an ellipsis ("Counsel --", "Karine \u2014", "So...").
CUT_OFF_TAIL = 12  # the dash or ellipsis and what may close it, searched in the last characters only
CUT_OFF = re.compile(r"(?:--+|[\u2014\u2013]|\s-|\.\.\.+|\u2026)[\s\"'\u201d\u2019)\]]*$")
WORD = re.compile(r"[A-Za-z\u00c0-\u024f0-9]+(?:['\u2019-][A-Za-z\u00c0-\u024f0-9]+)*")

# What a question mark ends: the text back to the end of the sentence before ("Mr. President, how are
# you?" gives " President, how are you?", which still reads as a courtesy).
QUESTION_FRAGMENT = re.compile(r"(?:^|(?<=[.!?\u2026]))[^.!?\u2026]*\?")  # starts only where a sentence may
# A courtesy question is short: a longer one is looked at no further.
COURTESY_MAX_CHARS = 100
# Questions that ask for nothing the other side is there to answer: greetings, sound checks,
# "shall we begin?", asking permission to ask, a host's call for the next questioner.
COURTESY_QUESTIONS = re.compile(
    r"^(?:(?:hi|hello|hey|so|and|okay|ok|well|one second|one moment|sorry|excuse me)\b[,\s]*)?(?:"
    r"how (?:are|r) (?:you|ya|we|things)(?: (?:doing|today|tonight|this morning|all|both))*"
    r"|how(?:'s| is) (?:it going|everyone|everybody|everything)(?: (?:doing|today|going))*"
    r"|what(?:'s| is) up|what(?:'s| is) new|how(?:'ve| have) you been"
    r"|(?:can|could) (?:we|i|you|someone) (?:please )?(?:get|have|turn on|fix|unmute|bring) (?:[\w'\u2019]+ ){0,3}"
    r"(?:mic|mike|microphone|chair|sound|audio|water|slide|screen|lights?)(?: (?:on|please|back))*"
    r"|(?:can|could) (?:you|everyone|everybody|people|we) (?:all )?(?:hear|see) (?:me|"
    r"us|my screen)(?: (?:okay|ok|all right|now|well))?"
    r"|(?:are|is) (?:you|we|everyone|everybody) (?:ready|there|still there|with me|"
    r"set|good|all set)(?: to (?:go|start|begin))?"
    r"|ready|shall we (?:begin|start|get started)|should we (?:begin|start|get started)"
    r"|(?:can|could|may) i (?:ask|have|get) (?:you )?(?:a|one|another|two|just one|"
    r"just a) (?:more |quick |last |final |small |follow-up |follow up |little )*(?:questions?|"
    r"follow-?ups?|one|more)"
    r"|(?:can|could|may) i (?:just )?(?:follow up|jump in|add something|say something|interrupt)"
    r"|(?:are there )?any (?:other |more |further |last |final )*questions(?: (?:from \w+(?: \w+)?|here|out there))?"
    r"|(?:anyone|anybody|who(?:'s| is)) (?:else|next)"
    r")(?:,? please)?[?!.\s]*$",
    re.I,
)

# Families of sentences (or comma-separated parts of one) that ask nothing. A part matches when a
# pattern matches it from its start to its end (the trailing ".*" ones take whatever follows).
IDLE_PATTERNS = {
    "thanks": r"(?:oh |okay |ok |well |and |great |so )?(?:thanks?|thank you|many thanks|cheers|"
        r"ta)(?: (?:so|very) much| a lot| (?:all|both|again|everyone|everybody|guys|folks|"
        r"sir|ma'am|kindly|too|indeed))*(?: (?:for|to) .*)?"
              r"|you(?:'re| are) (?:very |most |so )?welcome|my pleasure|(?:i |we )?(?:really )?appreciate (?:it|"
              r"that|this|you|your .*|the .*)|much appreciated|(?:thanks|thank you) for .*|(?:i|"
              r"we) thank .*",
    "greeting": r"(?:hi|hello|hey|hiya|howdy|greetings|yo)(?: there| again| everyone| everybody| all| folks| guys)?"
                r"|(?:good )?(?:morning|afternoon|evening|day|night)(?: (?:everyone|everybody|all|folks|to you|again))?"
                r"|(?:(?:good )?(?:morning|afternoon|evening)|hello|hi)(?:,? (?:and|everyone|everybody|"
                r"all|again))* welcome.*|welcome.*|happy (?:monday|tuesday|wednesday|thursday|"
                r"friday|saturday|sunday|birthday|new year|holidays?|thanksgiving|easter|halloween|"
                r"\w+ day).*"
                r"|(?:it(?:'s| is) )?(?:good|nice|great|lovely|a pleasure|a delight) (?:to (?:see|"
                r"meet|have|talk to|speak with|be with) .*|having you.*)"
                r"|(?:glad|pleased|happy|delighted|thrilled) (?:to (?:have|see|be) .*|you (?:could|can) .*)"
                r"|have a (?:good|great|nice|lovely|wonderful|happy|safe) .*|(?:good ?bye|bye|"
                r"bye-bye|see you.*|take care|good night|so long|until next time.*)",
    "introduction": r"(?:(?:today|tonight|this (?:week|morning|afternoon|evening|hour|time|episode)|"
        r"here|now)(?:,)? )?(?:my guests?|our guests?|we(?:'re| are) (?:joined|talking|"
        r"speaking|looking at|discussing)|we (?:talk|look at|discuss|hear from|welcome|"
        r"meet)|i(?:'m| am) (?:joined|talking|speaking|here) (?:by|with|to)|(?:joining|"
        r"with) (?:me|us)(?: (?:today|tonight|now|here|in the studio))*) .*"
                    r"|i(?:'m| am) your host.*|this is (?:episode|part|the (?:show|podcast|program|"
                    r"programme)) .*|you(?:'re| are) (?:listening|watching|tuned) .*"
                    r"|we(?:'re| are) (?:recording|live|rolling|on air|back)(?: now| again)?",
    "acknowledgement": r"(?:yes|yeah|yep|yup|yea|no|nope|nah|okay|ok|o\.k|okey-dokey|all right|alright|"
        r"right|sure|mm|mm-hmm|mhm|mmhmm|uh-huh|uh huh|hmm|huh|ah|oh|wow|whoa|aha|uh|um|"
        r"er|well|indeed|exactly|precisely|absolutely|definitely|certainly|of course|true|"
        r"fair|fair enough|correct|right on|great|good|fine|perfect|excellent|wonderful|"
        r"lovely|cool|nice|interesting|fascinating|amazing|incredible|got it|gotcha|understood|"
        r"noted|i see|i understand|i know|i get it|i hear you|i agree|agreed|i did|i do|"
        r"it is|it does|that's right|that is right|that's true|that is true|that's correct|"
        r"that is correct|that's fair|that is fair|that's okay|that's ok|that's fine|that's great|"
        r"that's good|that's interesting|that makes sense|makes sense|not really|not exactly|"
        r"both|me too|same here|good point|point taken|fair point|sorry|i'm sorry|i am sorry|"
        r"my apologies|pardon me|excuse me|apologies|no problem|no worries|you bet|go on|"
        r"continue|please continue|carry on|please go on|come on|wait|hold on|one second|"
        r"one moment|just a second|just a moment)",
    "time call": r"(?:that(?:'s| is) )?time(?: is up| is over| 's up)?|time'?s up|(?:your|our|the|"
        r"my|his|her|their|[\w.]+'s) time (?:is|has) (?:up|expired|over|run out|almost up|"
        r"nearly up)"
                 r"|(?:we(?:'re| are)|you(?:'re| are)) (?:out of|over|running out of|short on|running short (?:of|"
                 r"on)) time.*"
                 r"|(?:that(?:'s| is)|this is) (?:all|about all) (?:the|of the) time .*|(?:we|i) (?:have|"
                 r"need|got) to (?:stop|leave it|wrap|move on|end|take a break|pause).*"
                 r"|(?:let's|let us|we'll|we will|i'll|i will|time to) (?:move on|wrap (?:it )?up|"
                 r"leave it there|stop there|take a (?:short |quick )?break|pause).*"
                 r"|(?:\d+|one|two|three|five|ten|fifteen|thirty|sixty|ninety) (?:more )?(?:seconds?|"
                 r"minutes?)(?: (?:left|remaining|to go|more))?"
                 r"|(?:you|we) (?:have|got|get) (?:\d+|one|two|three|five|ten|fifteen|thirty|sixty|"
                 r"ninety|a|a few|a couple of) (?:more )?(?:seconds?|minutes?)(?: (?:left|remaining|"
                 r"more))?",
    "rules": r"(?:the )?(?:committee|subcommittee|hearing|court|house|senate|council|meeting|"
        r"session|panel|commission) (?:will|shall|is|stands|now stands|is now) .*"
             r"|without objection.*|order|order,? order|(?:the )?(?:record|hearing) (?:will|"
             r"shall) .*|the case is submitted.*|(?:the )?(?:meeting|session|hearing) (?:is )?(?:adjourned|"
             r"closed).*"
             r"|we (?:are|stand) (?:adjourned|in recess).*|(?:all )?(?:please )?(?:rise|be seated)|"
             r"(?:the )?(?:rules|ground rules|format) (?:are|is) .*"
             r"|(?:each|every|both) (?:candidate|speaker|witness|member|panelist|guest)s? (?:will|"
             r"have|has|gets?) .*|(?:the )?clerk will .*|(?:the )?(?:gentleman|gentlewoman|"
             r"lady|member|senator) (?:yields|will suspend).*"
             r"|(?:can|could|would|will) (?:we|everyone|everybody|you all|people|the audience) (?:please )?(?:-+ ?)?(?:hold|"
             r"keep|save|stop|quiet|settle|refrain|be quiet|sit down|take (?:your|their) seats).*"
             r"|i (?:now )?(?:yield|call|declare|ask unanimous) .*|(?:we|i) (?:will|shall|'ll) (?:now )?(?:begin|"
             r"start|proceed|hear|turn|go|take|continue|recess|adjourn) .*",
    "floor-giving": r"(?:the )?(?:gentleman|gentlewoman|lady|senator|member|chair|representative|delegate|"
        r"(?:hon\. |honourable |honorable )?(?:member|friend))(?: from [\w ]+)? (?:is|"
        r"are) (?:now )?recogni[sz]ed.*"
                    r"|you(?:'re| are) (?:now )?recogni[sz]ed.*|(?:i|the chair) (?:now )?recogni[sz]es? .*|"
                    r"(?:i )?(?:now )?(?:give|yield|hand|turn) (?:the floor|it|the call|things)? ?(?:over |"
                    r"back )?to .*"
                    r"|(?:you|they) (?:may|can|might) (?:now )?(?:begin|proceed|start|continue|go ahead)(?: now|"
                    r" when (?:you're|you are) ready)?|(?:please )?(?:begin|proceed|start|go ahead)(?: please|"
                    r" now| whenever you're ready)?"
                    r"|(?:the )?floor is (?:yours|now yours|open)|(?:over|back) to you.*|(?:you have|"
                    r"take) the floor.*|(?:it's|it is) (?:your turn|all yours|over to you)|you(?:'re|"
                    r" are) (?:on|up|next)"
                    r"|(?:our|the) (?:next|first|last|final) (?:question|caller|questioner|speaker) (?:comes|"
                    r"is|will come|goes|is from|comes from) .*|(?:the )?next question.*|(?:who(?:'s|"
                    r" is)|anyone|anybody) (?:else|next)"
                    r"|(?:let me|let's|let us|i'll|i will|i'd like to) (?:now )?(?:hand|turn|pass|"
                    r"bring|welcome|introduce|invite) .*|(?:in the|on the) (?:back|front|aisle|middle|"
                    r"left|right)(?: row| rows| there| here| of the room| (?:in|with) the \w+)?|over here"
                    r"|(?:one|two|three|a couple|a few) more(?: questions?| things?)?|(?:just )?one (?:more|"
                    r"last|final)(?: questions?| thing| one)?|last (?:one|question)|(?:i have|i've got|"
                    r"i got) (?:a|one|two|three|another) (?:quick |last |small |more |final )*(?:follow-?ups?|"
                    r"questions?|more|ones?)(?: (?:for you|for \w+|on two (?:different )?\w+))?"
                    r"|(?:a |one )?(?:quick )?follow-?up(?:,? please)?"
                    r"|(?:two|three|a couple of) (?:quick )?questions(?:,? please)?"
                    r"|(?:your |an? |the )?(?:opening|closing) (?:statements?|remarks)(?: (?:first|please|now))?"
                    r"|you(?:'ll| will)? go first|you(?:'re| are) first|in (?:this|the) (?:first |next |last |opening )?segment"
                    r"|you(?:'ve| have) been mentioned|you were mentioned",
    "closing": r"(?:and )?(?:that|this)(?:'s| is| was) (?:all|it|everything) (?:for (?:today|"
        r"tonight|now|this (?:week|episode|time|show))|we have).*|that concludes.*|this concludes.*|"
        r"(?:thanks|thank you) for (?:listening|watching|tuning in).*"
               r"|see you (?:next|soon|then|tomorrow).*|until next time.*|stay (?:safe|tuned|"
               r"with us).*|we'll be (?:right )?back.*|(?:don't|do not) go (?:away|anywhere).*|"
               r"after the break.*|the (?:hearing|meeting) is adjourned.*",
    "ad read": r"(?:this|today's|the) (?:episode|show|podcast|program|programme|segment|hour) is (?:brought to you|"
        r"sponsored|supported|presented|made possible) by .*|(?:brought to you|sponsored|"
        r"supported|presented) by .*"
               r"|support for (?:this|the) .* comes from .*|(?:go to|visit|head to|head over to|"
               r"check out) \S+\.(?:com|org|net|co)\b.*|use (?:promo |the )?code .*|(?:subscribe|"
               r"rate and review|leave a review|follow (?:us|the show)) .*",
}
IDLE = re.compile("|".join(f"(?:{p})" for p in IDLE_PATTERNS.values()), re.I)
IDLE_FAMILIES = {name: re.compile(pattern, re.I) for name, pattern in IDLE_PATTERNS.items()}
# Announcements matched as whole sentences too, commas and all ("We will hear argument in Case 24-517,
# Alder Creek versus Hollis.", "Without objection, so ordered.").
WHOLE_SENTENCE_FAMILIES = ("rules", "closing", "ad read")
# A part that only names someone: "Karine", "Mr. Chairman", "Senator Roe", "Mrs. Palmer of Oregon".
TITLES = (
    r"mr|mrs|ms|miss|mx|dr|sir|madam|madame|ma'am|maam|mister|senator|sen|congressman|"
    r"congresswoman|representative|rep|governor|gov|"
    r"secretary|president|vice|chairman|chairwoman|chair|chief|justice|judge|counsel|"
    r"counselor|general|admiral|colonel|minister|"
    r"ambassador|mayor|professor|prof|doctor|father|rabbi|reverend|speaker|member|"
    r"witness|everyone|everybody|all|folks|guys|both|"
    r"you both|you all|friends|ladies and gentlemen|the|of|and|lady|gentleman|gentlemen|"
    r"hon|honourable|honorable|deputy|leader"
)
VOCATIVE = re.compile(
    rf"^(?:(?i:{TITLES})\.?\s+|[A-Z][\w'\u2019.-]*\s+){{0,4}}(?:(?i:{TITLES})\.?|[A-Z][\w'\u2019.-]*)$"
)
NAME_TOKEN = re.compile(r"^[A-Z]")
TITLE_FIRST = re.compile(rf"^(?!(?:the|of|and)\b)(?:{TITLES})\b", re.I)  # "counsel", "sir", "madam chair"
# Capitalised words that start a sentence, not a name: "On Nord Stream", "We're", "At the ...".
NOT_NAMES = re.compile(
    r"^(?:on|at|in|for|to|from|with|about|as|if|so|and|but|or|we|we're|we've|it|it's|i|i'm|i've|i'd|this|that|"
    r"there|here|what|my|our|your|his|her|their|yes|no|one|two|just|also|now|then|"
    r"when|how|why|where|who|is|are|do|does|did|can|will)\b",
    re.I,
)

# Openers stripped before a prompt is looked for: "So, Dana, tell me ...", "And now, walk us through ...".
OPENER = re.compile(
    r"^(?:(?:so|and|now|okay|ok|well|all right|alright|right|then|but|first|firstly|"
    r"second|secondly|next|finally|lastly|also|"
    r"just|quickly|briefly|very briefly|again|instead|yes|yeah|great|good|thanks|thank you|please)\b[,\s]+"
    r"|(?-i:(?:[A-Z][\w'\u2019.-]*\s+){0,3}[A-Z][\w'\u2019.-]*),\s+)+",
    re.I,
)
# Imperatives that elicit an answer ("Tell me about ...", "Walk us through ...", "Please explain ...").
ELICIT_VERBS = (
    r"tell|walk (?:me|us|them|our \w+|the \w+) through|talk (?:to|with) (?:me|us)|"
    r"talk (?:me|us) through|talk about (?:your|you|how|why|what|that|this|the)|talk a (?:little|"
    r"bit)"
    r"|describe|explain|help (?:me|us|them|our \w+|people|the \w+) (?:understand|see|"
    r"think|make sense)|give (?:me|us|them|our \w+|the \w+) (?:a|an|the|your|some|"
    r"one|two|three|an idea|a sense)"
    r"|take (?:me|us) (?:back|through|to|inside)|share (?:with|your|a|some|what|how|"
    r"why)|elaborate|expand (?:on|a bit|a little)|clarify|comment (?:on|about)|respond(?: to)?|"
    r"answer"
    r"|remind (?:me|us|them|people|our \w+)|paint (?:me |us )?a picture|lay (?:it |"
    r"that |this )?out|spell (?:it |that |this )?out|unpack|say (?:more|a (?:little|"
    r"bit|word)|something about)"
    r"|speak (?:to|about)|address|react to|reflect on|break (?:it|that|this) down|"
    r"fill (?:me|us) in|update (?:me|us)|catch (?:me|us) up|define|compare|contrast|"
    r"justify|defend|outline"
    r"|summari[sz]e|characteri[sz]e|assess|estimate|suppose|imagine|picture this|convince (?:me|"
    r"us)|persuade (?:me|us)|make (?:the|your) case|(?:let's|let us) hear|let's talk about (?:you|"
    r"your)"
)
ASK_FRAMES = (
    r"i(?:'d| would)? (?:just |really |also |only |simply )?(?:want|wanted|would like|'d like|like|love|'d love|"
    r"would love|need|needed|wish) (?:you )?to (?:ask|hear|know|understand|get|follow up|press|"
    r"push|put|talk about|pick up|return|go back|come back|turn)"
    r"|i(?:'d| would) (?:like|love) you to|i want you to|let me (?:ask|put|press|push|"
    r"follow up|turn to you|come back|go back)|i (?:ask|put it to) you|can i ask you (?:about|"
    r"whether|if|how|why|what|to)"
    r"|(?:i(?:'m| am) )?(?:just |really |also )?(?:curious|wondering|interested|keen|eager) (?:as to |as )?(?:about|"
    r"whether|if|how|why|what|when|where|who|to)"
    r"|(?:i(?:'m| am)|we(?:'re| are)) (?:\w+ ){0,3}(?:looking|hoping) for (?:\w+ ){0,4}(?:colou?r|detail|details|"
    r"clarity|insight|update|sense|thoughts|perspective)"
    r"|i(?:'d| would)? (?:want|wanted|would like|'d like|like) to give you (?:the|a|an) (?:\w+ )?(?:chance|"
    r"opportunity) to|i wonder(?:ed)? |i(?:'m| am) (?:asking|trying to understand|"
    r"trying to get at)"
    r"|(?:my|the|our|a) (?:\w+ )?question (?:is|was|would be|for you|to you|to the|"
    r"here is|then is)|(?:question|one) (?:for|to) you|(?:same|similar|the same) question|"
    r"how about you"
    r"|(?:any|your) (?:thoughts|response|rebuttal|reply|reaction|answer|take|view|"
    r"comment|comments|opinion|assessment)(?: (?:on|to|about) [^,;]{0,40})?$"
    r"|(?:care|want|like) to (?:comment|respond|elaborate|add|reply|weigh in|explain)|"
    r"(?:you have|you get|you've got|there's) (?:\S+ ){0,3}(?:to (?:respond|reply|"
    r"answer|rebut)|for (?:a|your) (?:response|rebuttal|reply))"
    r"|(?:to|you may|you can|please) (?:respond|reply|answer|rebut)|(?:and )?(?:you|yourself)$|your turn"
    # (one answer; "Sixty seconds for answers, 30 seconds for rebuttals." states the rules, it gives no floor)
    r"|(?:\S+ ){1,3}(?:seconds?|minutes?) (?:for|to) (?:a |your )?(?:response|rebuttal|reply|answer|respond|rebut)\b"
)
AUX = (
    r"do|does|did|can|could|would|will|should|shall|is|are|was|were|have|has|had|may|"
    r"might|must|isn't|aren't|wasn't|weren't|don't|doesn't|didn't|won't|wouldn't|can't|"
    r"cannot|couldn't|haven't|hasn't|shouldn't"
)
SUBJECT = (
    r"you|he|she|it|they|we|i|the|that|this|there|these|those|your|his|her|their|our|"
    r"its|any|anyone|anybody|someone|somebody|everyone|anything|mr|ms|mrs|dr|president|"
    r"senator|governor|counsel"
)
WH = r"what|why|how|where|when|who|whom|whose|which"
PROMPT = re.compile(rf"^(?:please\s+)?(?:{ELICIT_VERBS})\b|^(?:{ASK_FRAMES})", re.I)
# A question typed without its mark, at the start of a sentence: "Can you say more about that."
UNMARKED_QUESTION = re.compile(
    rf"^(?!(?:have|do|did) (?:the|that|this|these|those|it)\b)(?:{AUX})(?:n't)? (?:{SUBJECT})\b"
    rf"(?! (?:please )?(?:welcome|"
    rf"join|rise|stand|be seated|take (?:your|their) seats))"
    rf"|^(?:{WH})(?:'s|'re| (?:{AUX}|kind|sort|type|about|happened|happens|made|makes|"
    rf"led|leads|caused|causes|else|exactly|specifically|if|much|many|long|often|far|"
    rf"then|now)\b)",
    re.I,
)
# A parliament's order-paper question, printed as a clause without its mark when it opens a member's
# turn: "What recent discussions the Secretary of State has had on ...", "What steps the Government are
# taking to ...", "If he will make a statement on ...", "Whether she plans to ...".
ORDER_PAPER = re.compile(
    r"^(?:what|which|how)\b(?:\s+[\w'\u2019-]+){1,5}?\s+(?:he|she|they|his|her|the\s+(?:government|"
    r"department|secretary|minister|prime\s+minister|chancellor|leader|attorney|solicitor|deputy)\b)"
    r"(?:\s+[\w'\u2019,-]+){0,8}?\s+(?:has|have|had|is|are|will|would|plans?|intends?|made|makes|taken|taking)\b"
    r"|^(?:if|whether)\s+(?:he|she|they|his|her|the\s+[\w-]+(?:\s+[\w-]+){0,4}?)\s+(?:will|would|has|have|is|"
    r"are|plans?|intends?)\b",
    re.I,
)
# A tag put to someone by name still asks: "Go ahead, Mike; you've done this, right?", "Lindsey, you like
# tacos too, right?" ("you travel all the time, right?" alone is a remark).
NAMED_YOU = re.compile(
    r"(?:^|[,;:]\s+)(?!(?:I|It|It's|That|This|The|So|And|But|Well|Yeah|Okay|Oh|Yes|No|Now|Then)\b)"
    r"[A-Z][a-z]+(?:[,;]|\s+you\b)[^?]*\byou\b|^(?!(?:I|It|That|This|The|So|And|But|Well|Yeah|Okay|Oh|Yes|No)\b)"
    r"[A-Z][a-z]+\s+you\b"
)
# A turn cut off after only asking leave: "May I first --", "Can I just --".
LEAVE_ONLY = re.compile(r"^(?:may|might|can|could) i(?: (?:first|just|also|briefly|quickly|say|add))?$", re.I)
# A tag after a statement: "..., right?", "..., you know?", "..., isn't it?".
TAG = re.compile(
    r",\s*(?:right|correct|yeah|yes|no|you know|you see|isn't it|is it|aren't they|don't you think|huh|eh|okay|ok)"
    r"[?\s]*$",
    re.I,
)
# A short leading statement put to the other side: "And then you left.", "But the gates don't hold permits."
LEADING = re.compile(
    r"^(?:(?:and|so|then|now|but)\b[,\s]+)*(?:you(?!(?: know| see| mean| guys| all)\b)|but)\b"
    r"|^but\b",
    re.I,
)
# How short a leading statement is: at most this many words in at most this many sentences (an
# examination's "You were there that night." or "But the gates don't hold permits."; a longer
# statement is a speech, not a question).
LEADING_MAX_WORDS = 25
# A turn cut off after only these asks nothing ("Thank you --", "Yeah --"); after a name
# ("Thanks. Dr. Fauci --") or anything else it was a question begun.
CUT_OFF_IDLE = {"thanks", "acknowledgement", "greeting"}
# Words after which a cut-off turn had not finished its clause ("Thank you. And --" asks).
UNFINISHED = set("and but so or well just now then because if i the a to on of about".split())
LEADING_MAX_SENTENCES = 2


def asks(text: str, *, statements_ask: bool = False, tags_ask: bool = True) -> bool:
    """Does this questioner's turn ask, or invite the other side to answer?

    ``statements_ask``: a statement with no sign either way asks (a ``Q`` label says the turn is a
    question; only a turn that clearly asks nothing is not; a turn cut off asks too). ``tags_ask=False``
    (nobody is known to ask): a statement with only a tag ("..., right?") asks nothing.

    >>> asks("Tell me about your first campaign."), asks("That's time."), asks("Counsel, why --")
    (True, False, True)
    """
    return reason(text, statements_ask=statements_ask, tags_ask=tags_ask)[0]


def reason(text: str, *, statements_ask: bool = False, tags_ask: bool = True) -> tuple[bool, str]:
    """:func:`asks` with the rule that decided (for tests and debugging)."""
    spoken = BRACKETS.sub(" ", text) if "(" in text or "[" in text else text
    if "?" in spoken:
        for m in QUESTION_FRAGMENT.finditer(spoken):
            q = m.group(0).strip()
            if len(q) > COURTESY_MAX_CHARS:
                return True, f"a question: {q[-COURTESY_MAX_CHARS:]!r}"
            q = _normalise(q)
            if _is_name(_bare(q)) and not statements_ask:
                continue  # "Senator Rubio?", "Sara?": a name alone gives the floor
            if (
                not tags_ask and (tag := TAG.search(q)) and not _interrogative(q[:tag.start()])
                and not NAMED_YOU.search(q[:tag.start()])
            ):
                continue  # "It's what augmented reality is, right?": a statement with a tag, not put to anyone
            if WORD.search(q) and not COURTESY_QUESTIONS.match(_strip_vocative(q).strip()):
                return True, f"a question: {q!r}"
    spoken = _normalise(spoken)
    if not WORD.search(spoken):
        return False, "nothing said"
    if statements_ask and len(spoken) > IDLE_MAX_CHARS:
        return True, "a statement under a Q label, too long to be only thanks or greetings"
    if CUT_OFF.search(spoken[-CUT_OFF_TAIL:]):
        before = spoken[:-CUT_OFF_TAIL] + CUT_OFF.sub("", spoken[-CUT_OFF_TAIL:])
        before = before.strip(" ,;:")
        words = WORD.findall(before)
        if not words:
            return False, "nothing said before the dash"
        families = [_families(s) for s in _sentences(before)]
        said = {f for fs in families if fs for f in fs}
        if all(families) and said <= CUT_OFF_IDLE and words[-1].lower() not in UNFINISHED:
            return False, "only " + ", ".join(sorted(said)) + ", cut off"
        if not statements_ask:
            last = _strip_openers(_sentences(before)[-1]) if _sentences(before) else ""
            begun = UNMARKED_QUESTION.search(last) or PROMPT.search(last) or re.match(rf"^(?:{WH})\b", last, re.I)
            # "May I first --", "Can I just --": asking leave to speak, not yet a question.
            if not begun or LEAVE_ONLY.match(last):
                return False, "cut off before a question had begun"
        return True, "cut off mid-sentence"
    sentences = _sentences(spoken)
    if not PUNCTUATION.search(spoken):
        # No punctuation (speech-to-text): only the words can tell.
        if _idle(spoken):
            return False, "unpunctuated, only " + str(_idle(spoken))
        return True, "unpunctuated: cannot tell, so it asks"
    if statements_ask:
        # Under a Q label only a turn made of thanks, greetings, acknowledgements ... asks nothing.
        if all(_idle(s) for s in sentences):
            return False, "only " + ", ".join(dict.fromkeys(_idle(s) for s in sentences))
        return True, "a statement or a prompt under a Q label"
    families = [_idle(s) for s in sentences]
    cased = spoken != spoken.lower()
    for i, (s, family) in enumerate(zip(sentences, families)):
        # A question typed without its mark opens a sentence: "Mr. Smith. was the name" continues one.
        opens = not cased or s.lstrip(" \"'\u201c\u2018(")[:1].isupper()
        if not family and (
            (opens and UNMARKED_QUESTION.search(_strip_openers(s)))
            or (opens and i == 0 and ORDER_PAPER.search(s.strip()))
            or any(PROMPT.search(_strip_openers(p)) for p in _parts(s))
        ):
            return True, f"a prompt: {s!r}"
    if all(families):
        return False, "only " + ", ".join(dict.fromkeys(families))
    words = len(WORD.findall(spoken))
    if (
        len(sentences) <= LEADING_MAX_SENTENCES and words <= LEADING_MAX_WORDS and not families[-1]
        and LEADING.search(_bare(sentences[-1]))
    ):
        return True, f"a leading statement: {sentences[-1]!r}"
    return False, "a statement that asks nothing"


def _interrogative(part: str) -> bool:
    """``part`` opens like a question ("Is that what it's called", "What do you think")."""
    part = _strip_openers(part)
    return bool(UNMARKED_QUESTION.search(part) or re.match(rf"^(?:{WH})\b", part, re.I))


def _normalise(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split())


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    for m in SENTENCE.finditer(text):
        piece = m.group(0)
        if out and _ends_in_abbreviation(out[-1]):
            out[-1] += piece
        else:
            out.append(piece)
    return [p.strip() for p in out if WORD.search(p)]


def _ends_in_abbreviation(piece: str) -> bool:
    if not piece.endswith("."):
        return False
    last = piece[:-1].rsplit(None, 1)[-1].lower() if piece[:-1].strip() else ""
    return len(last) == 1 and last.isalpha() or last in ABBREVIATIONS


def _bare(text: str) -> str:
    return text.strip().rstrip(".!?\u2026;: ").strip(" \"'\u201c\u201d-\u2014")


def _parts(sentence: str) -> list[str]:
    """A sentence's comma-, colon- and dash-separated parts."""
    return [p.strip() for p in PART_BREAK.split(_bare(sentence)) if p.strip()]


def _strip_openers(part: str) -> str:
    s = _bare(part)
    while True:
        shorter = OPENER.sub("", s, count=1)
        if shorter == s:
            return s
        s = shorter


def _strip_vocative(sentence: str) -> str:
    """ "Senator, how are you?" -> "how are you?"; "Thanks, Jen. " stays (it is not a vocative)."""
    head, sep, rest = sentence.partition(",")
    sentence = rest if sep and _is_name(head.strip()) else sentence
    # ... and at the end: "What's up, Mike?" -> "What's up?"
    body, sep, tail = sentence.rpartition(",")
    mark = tail.rstrip()[-1:] if tail.rstrip()[-1:] in "?!." else ""
    return body + mark if sep and body.strip() and _is_name(tail.strip().rstrip("?!.").strip()) else sentence


def gives_floor(sentence: str) -> bool:
    """A sentence that only gives the floor or the time ("Two minutes.", "You go first.", "Go ahead.")."""
    return _idle(sentence) in ("time call", "floor-giving")


def _idle(sentence: str) -> str | None:
    """The family of a sentence that asks nothing ("thanks", "time call", ...; "name" for a name
    alone), None if it may ask. Each of its parts must belong to a family."""
    found = _families(sentence)
    if found is None:
        return None
    named = [f for f in found if f != "name"]
    return named[0] if named else ("name" if found else "acknowledgement")


def _families(sentence: str) -> list[str] | None:
    """The family of each part of a sentence that asks nothing, None if a part may ask."""
    if COURTESY_QUESTIONS.match(_strip_vocative(sentence).strip()):
        return ["courtesy"]
    whole = _bare(sentence).lower()
    for name in WHOLE_SENTENCE_FAMILIES:
        if IDLE_FAMILIES[name].fullmatch(whole):
            return [name]
    found = []
    for p in _parts(sentence):
        f = _family(p) or ("name" if _is_name(p) else None)
        if not f:
            return None
        found.append(f)
    return found


def _is_name(part: str) -> bool:
    """ "Karine", "Senator Roe", "Mrs. Palmer of Oregon", "counsel", "sir"."""
    capitalised_or_title = NAME_TOKEN.match(part) or TITLE_FIRST.match(part)
    return bool(VOCATIVE.match(part) and capitalised_or_title and not NOT_NAMES.match(part))


# A conjunction before a part that gives the floor, thanks or greets leaves it so ("But go ahead.", "And
# thank you.", "And one more."); before a statement it may lead one ("But we're talking about a sale").
CONJUNCTION = re.compile(r"^(?:(?:and|but|so|now|then)\b[,\s]+)+")
CONJUNCTION_IDLE = ("floor-giving", "time call", "thanks", "greeting")


def _family(part: str) -> str | None:
    lowered = part.lower()
    if not IDLE.fullmatch(lowered):
        lowered = CONJUNCTION.sub("", lowered)
        if not lowered or not any(IDLE_FAMILIES[name].fullmatch(lowered) for name in CONJUNCTION_IDLE):
            return None
        return next(name for name in CONJUNCTION_IDLE if IDLE_FAMILIES[name].fullmatch(lowered))
    for name, pattern in IDLE_FAMILIES.items():
        if pattern.fullmatch(lowered):
            return name
    return None
