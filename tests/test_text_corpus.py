"""The text-only blind sets, scored from their reference text (fast: no audio, no Whisper).

eval/text1 and eval/text2 were written on 2026-12-03 by two authors who had not read the packs
(30 calls each, 21 violations of 13 rules in 18 calls, 12 hard negatives, 8 mono). First sight,
from text: recall 0.62 (13 of 21) on each. text1 was then used for fixes; text2 stayed held out
through them (still 0.62: text1's phrases did not generalise), then through the suspect tier for
cease requests and disputes (0.71), and then was fixed too. eval/text3 (22 violations) was
written meanwhile by a third author: 0.59 at first sight with every change of the day, 0.68
after the widened cease suspects it was held out through, then fixed (README, "Measured
precision and recall"). eval/text4 (23 violations), written last by a fourth author, was
measured once and left alone: 21 of 23 at first sight; fixed in the next session. That session
added text5 and text6 (first sight 16 of 22 and 14 of 23, then fixed) and text7, measured once
and left alone (17 of 22), fixed in the session after, which added text8 (21 of 22 at first
sight) and text9 (20 of 22), both then fixed, and text10 (22 of 22, P 0.81), held out until the
next session, which fixed it and added text11 (19 of 22 at first sight, then fixed) and text12
(20 of 22), held out until the next session, which fixed it and added text13 (21 of 22 at first
sight, then fixed), text14 (22 of 23, then fixed), text15 (18 of 22, then fixed) and text16 (21
of 22), held out until the next session, which fixed it and added text17 (22 of 23, then fixed)
and text18 (20 of 23, then fixed) and text19 (21 of 22, then fixed) and text20 (22 of 23, then
fixed) and text21 (22 of 22, then fixed), and text22 (22 of 22), held out until the next
session, which fixed it and added text23 (21 of 22, then fixed) and text24 (20 of 23) and text25
(20 of 22), held out until the next session, which fixed them and added text26 (21 of 22, then
fixed) and text27 (22 of 22, then fixed), text28 (20 of 22, then fixed) and text29 (19 of 23, then
fixed), and text30 (21 of 22) and text31 (22 of 22), both then fixed, and text32 (22 of 22) and
text33 (22 of 22), both then fixed, and text34 (21 of 22) and text35 (22 of 23), held out until
the next session, which fixed them and added text36 (20 of 23, then fixed), text37 (22 of 22,
P 0.81, then fixed), and text38 (22 of 22, P 0.73), text39 (21 of 22, P 0.81) and text40 (20 of
22, P 0.80), held out until the next session, which fixed them and added text41 (22 of 23, P
1.00), text42 (20 of 22, P 0.69) and text43 (21 of 22, P 0.84), and text44 (23 of 23, P 0.92),
text45 (21 of 22, P 0.91) and text46 (23 of 23, P 0.92), all six held out until the next
session, which fixed them and added text47 (21 of 22, P 1.00), text48 (21 of 21, P 1.00, two
labels corrected: see its entry), text49 (20 of 23, P 0.91), text50 (21 of 22, P 0.84), all four
then fixed, and text51 (22 of 23, P 0.96) and text52 (19 of 21, P 0.95, one label corrected),
both then fixed, and text53 (17 of 22, P 0.94), text54 (22 of 23, P 1.00), text55 (21 of 22, P
0.84) and text56 (20 of 22, P 0.83), all four held out until the next session, which fixed them
and added text57 (22 of 23, P 0.73), text58 (23 of 23, P 0.66), text59 (23 of 23, P 0.82),
text60 (22 of 22, P 0.88), text61 (17 of 22, P 0.94), text62 (21 of 22, P 0.91), text63 (18 of
22, P 0.95) and text64 (21 of 22, P 0.88), all eight then fixed, and text65 (20 of 23, P 0.77),
text66 (20 of 22, P 0.87), text67 (22 of 22, P 0.92) and text68 (20 of 22, P 0.74), held out
until the next session, which fixed them and added text69 (21 of 22, P 0.88), text70 (21 of 22,
P 0.84), text71 (22 of 22, P 0.79), text72 (22 of 22, P 0.88), text73 (18 of 22, P 0.90),
text74 (22 of 22, P 0.92), text75 (22 of 22, P 0.85) and text76 (19 of 22, P 0.83), all eight
then fixed, and text77 (20 of 23, P 0.87), held out until the next session, which fixed it and
added text78 (22 of 22, P 0.92), text79 (21 of 23, P 0.84), text80 (19 of 22, P 0.95), text82
(20 of 22, P 0.91), text83 (22 of 23, P 0.92), text84 (22 of 23, P 0.88), text85 (21 of 22, P
0.75), text86 (21 of 22, P 0.84), text87 (22 of 23, P 0.88), text88 (20 of 22, P 0.87) and text89
(20 of 22, P 0.91), all then fixed, and text81 (20 of 22, P 0.95), held out until the next
session, which fixed it and added text90 (19 of 22, P 1.00), text91 (22 of 23, P 0.92) and
text92 (21 of 22, P 0.95), all then fixed, and text93 (22 of 22, P 0.96), held out, and text94
(23 of 23, P 0.88), text95 (22 of 22, P 0.92) and text96 (21 of 22, P 0.91), and text97 (19 of
23, P 1.00), text98 (19 of 22, P 0.86), text99 (21 of 22, P 0.81) and text100 (18 of 22, P 0.72),
all then fixed, and text101 (23 of 23, P 0.92) and text102 (21 of 22, P 0.95), text102 then fixed,
and text103 (18 of 22, P 0.82), text104 (22 of 23, P 1.00), text105 (23 of 23, P 0.82) and text106
(20 of 22, P 0.83), all then fixed; the next session fixed text93 and added text107 (20 of 22, P
0.95), text108 (22 of 22, P 0.88), text109 (23 of 23, P 0.92) and text110 (21 of 22, P 0.84), all
then fixed, and text111 (22 of 23, P 0.81), held out a round and then fixed, and text112 (22 of 22,
P 0.96), text113 (21 of 22, P 0.88), text114 (23 of 23, P 0.88) and text115 (21 of 23, P 0.91), all
then fixed, and text116 (23 of 23, P 0.96), held out a round and then fixed, and text117 (21 of 22, P 0.95), text118 (21
of 23, P 0.78) and text119 (21 of 22, P 0.95), all then fixed, and text120 (23 of 23, P 0.92),
text121 (23 of 23, P 0.88) and text122 (23 of 23, P 0.88), all then fixed, and text123 (22 of 23, P 0.96), held out a session and then fixed; the next session added
text124 (18 of 23, P 0.72), text125 (21 of 23, P 0.64) and text126 (23 of 23, P 0.66), and
text127 (18 of 23, P 0.72), held out a session; text124 to text126 then fixed; the one after fixed
text127 and added text128 (21 of 23, P 0.75), text129 (20 of 22, P 0.91) and text130 (21 of 23,
P 0.88), all then fixed, and text131 (19 of 23, P 0.76), held out a session; the next fixed
text131 and added text132 (20 of 23, P 0.77), text133 (20 of 23, P 0.87) and text134 (21 of 23,
P 0.91), all then fixed, and text135 (21 of 23, P 0.875), held out a session and then fixed;
the next added text136 (18 of 23, P 0.82), text137 (18 of 23, P 0.67) and text138 (20 of 23,
P 0.87), all then fixed, and text139 (21 of 23, P 0.78), held out a session and then fixed; then text140 (22 of 23,
P 0.88), text141 (21 of 23, P 0.91) and text142 (23 of 23, P 0.885), all then fixed, and text143
(22 of 23, P 0.815), held out a session and then fixed; the next session added text144 (22 of
23, P 0.815), text145 (21 of 23, P 0.91) and text146 (21 of 23, P 0.875), all then fixed, and
text147 (21 of 23, P 0.81), held out a session and then fixed; then text148 (20 of 22, P 0.43: disclosures said in Spanish),
text149 (20 of 23, P 0.87) and text150 (21 of 23, P 0.81), all then fixed, and text151 (21 of 23,
P 0.84), held out a session and then fixed; then text152 (22 of 23, P 0.815), text153 (21 of 23, P 0.78) and text154 (19 of
23, P 0.86), all then fixed, and text155 (21 of 23, P 0.64), held out a session and then fixed; the next session added
text156 (23 of 23, P 0.92), text157 (22 of 23, P 0.85) and text158 (22 of 23, P 0.79), all then
fixed, and text159 (23 of 23, P 0.77), held out a session and then fixed; then text160 (23 of 23, P 0.885), text161 (20
of 23, P 0.91) and text162 (22 of 23, P 0.88), all then fixed, and text163 (18 of 23, P 0.95),
held out a session and then fixed; then text164 (20 of 23, P 0.87) and text165 (21 of 23, P 0.84), both then fixed;
the next session added text166 (19 of 23, P 0.79) and text167 (21 of 23, P 0.875), both then fixed,
and text168 (22 of 23, P 0.92) and text169 (23 of 23, P 0.82), both then fixed, and text170 (22 of
23, P 0.815), held out a session and then fixed; then text171 (19 of 22, P 0.76) and text172 (21 of 23,
P 0.955), both then fixed (from the words only: their audio was rendered the next session); the
next session added text173 (22 of 23, P 0.815) and text174 (21 of 23, P 0.91), both then fixed,
and text175 (19 of 23, P 0.86) and text176 (22 of 23, P 0.76), both then fixed, and text177 (20 of
23, P 0.83) and text178 (21 of 23, P 0.81), both then fixed; the next session added text179 (25 of
26, P 0.96) and text180 (23 of 26, P 0.92), both then fixed, and text181 (25 of 26, P 0.96) and
text182 (24 of 26, P 0.86), both then fixed, and text183 (25 of 26, P 1.00) and text184 (25 of 26,
P 0.93), both then fixed, and text185 (26 of 26, P 0.90) and text186 (25 of 26, P 0.86), both then
fixed, and text187 (24 of 26, P 0.96) and text188 (23 of 26, P 0.92), both then fixed, and text189
(22 of 26, P 0.79) and text190 (25 of 26, P 0.96), both then fixed; the next session added
text191 (25 of 26, P 0.93) and text192 (23 of 26, P 0.96), both then fixed, and text193 (24 of 26,
P 1.00) and text194 (24 of 26, P 1.00), both then fixed, and text195 (25 of 26, P 0.93) and
text196 (25 of 26, P 0.96), both then fixed, and text197 (25 of 26, P 0.93) and text198 (24 of 26,
P 0.89), both then fixed, and text199 (26 of 26, P 0.96) and text200 (24 of 26, P 0.92), both
then fixed, and text201 (26 of 26, P 0.87) and text202 (23 of 26, P 0.96), both then fixed, and
text203 (25 of 26, P 0.86) and text204 (25 of 26, P 0.93), both then fixed, and text205 (26 of 26,
P 0.93) and text206 (24 of 26, P 0.96), both then fixed, and text207 (25 of 26, P 0.89) and text208
(26 of 26, P 0.90), both then fixed; the next session added text209 (24 of 26, P 0.89) and text210
(23 of 25, P 0.92), both then fixed, and text211 (25 of 26, P 0.96) and text212 (24 of 26, P 0.92),
both then fixed, and text213 (25 of 26, P 0.93) and text214 (24 of 26, P 0.92), both then fixed,
and text215 (24 of 26, P 0.96) and text216 (24 of 26, P 0.92), both then fixed, and text217 (26 of
26, P 0.90) and text218 (26 of 26, P 0.93), both then fixed, and text219 (26 of 26, P 1.00) and
text220 (24 of 26, P 0.86), the second then fixed, and text221 (24 of 26, P 0.96) and text222
(24 of 26, P 0.92), both then fixed, and text223 (25 of 26, P 0.86) and text224 (26 of 26, P 0.93), both
then fixed, and text225 (26 of 27, P 0.96) and text226 (25 of 26, P 0.89), both then fixed, and
text227 (25 of 26, P 0.96) and text228 (24 of 26, P 0.96), both then fixed; the next session added
text229 (26 of 27, P 0.96) and text230 (25 of 26, P 0.96), both then fixed, and text231 (25 of 26,
P 0.93) and text232 (25 of 26, P 0.96), both then fixed, and text233 (24 of 26, P 0.92) and text234
(24 of 26, P 0.96), both then fixed, and text235 (26 of 26, P 0.96) and text236 (25 of 26, P 0.93),
both then fixed; the next session added text237 (25 of 25, P 0.93) and text238 (23 of 26, P 0.92),
the second then fixed, and text239 (24 of 26, P 0.92) and text240 (24 of 26, P 0.86), both then
fixed, and text241 (25 of 27, P 0.83) and text242 (24 of 26, P 0.92), both then fixed, and text243
(26 of 26, P 0.87) and text244 (25 of 26, P 0.93), the second then fixed, and text245 (25 of 26, P
0.89) and text246 (23 of 26, P 0.88), the second then fixed, and text247 (26 of 26, P 0.90) and
text248 (23 of 25, P 1.00), the second then fixed; the next session added text249 (25 of 26, P
0.89) and text250 (27 of 27, P 0.93), both then fixed, and text251 (24 of 26, P 0.89) and text252
(24 of 26, P 0.92), both then fixed, and text253 (24 of 26, P 0.89) and text254 (25 of 26, P
0.89), both then fixed, and text255 (25 of 27, P 0.93) and text256 (26 of 26, P 0.93), both then
fixed, and text257 (23 of 25, P 0.85) and text258 (26 of 26, P 0.84), both then fixed, and text259
(25 of 26, P 0.93) and text260 (23 of 25, P 0.92), both then fixed; the next session added text261
(24 of 26, P 0.92) and text262 (24 of 26, P 0.96), both then fixed, and text263 (26 of 26, P 0.96)
and text264 (26 of 26, P 0.96), and text265 (26 of 26, P 0.90) and text266 (24 of 26, P 0.96), both
then fixed, and text267 (24 of 26, P 0.96) and text268 (23 of 26, P 0.88), both then fixed, and
text269 (25 of 26, P 0.93) and text270 (24 of 26, P 0.92), both then fixed, and text271 (24 of 26, P
0.96) and text272 (26 of 26, P 1.00), the first then fixed, and text273 (24 of 26, P 0.89) and text274
(26 of 26, P 0.93), the first then fixed, and text275 (24 of 26, P 0.86) and text276 (25 of 26, P
0.86), both then fixed; the next session added text277 to text282 (26, 26, 26, 25, 24 and 25 of 26)
and text283 to text288 (26, 26, 24, 25, 24 and 25 of 26), all then fixed; the next session added
text289 to text296 (26, 26, 22, 26, 23, 26, 25 and 24 of 26) and text297 to text300 (26, 24, 26 and 23
of 26), and text302 and text303 (26 and 25 of 26), all then fixed, and text304 (25 of 26), delivered
after the fixes and held out, and text301 (25 of 26), delivered last and held out too.
The floors guard these results: losing a caught violation fails; a text set on disk with no
floor fails too.
"""

from __future__ import annotations

import pytest
from conftest import ROOT

from checks.evaluate import evaluate
from checks.packs import load_packs

# corpus: (calls, violations, caught from text at least, precision from text at least)
TEXT_SETS = {
    "text1": (30, 21, 21, 1.0),
    # the three false alarms left are mono, where the consumer's rant cannot be told from the
    # agent's words ("I'll sue your ass", "you should all be in jail"): needs_listen by design
    "text2": (30, 21, 21, 0.85),
    # two mono false alarms of the same kind (tc23: "are y'all gonna send the cops after me?")
    "text3": (30, 22, 22, 0.9),
    # held out through 2026-12-03 (first sight: 21 of 23, P 0.84), then fixed; the mono false
    # alarm left is of the same kind (td24: "my neighbor said y'all'll get the sheriff on me")
    "text4": (30, 23, 23, 0.9),
    # written on 2026-12-03 by a fifth author, told to avoid dialect and other languages, and to
    # phrase violations in business language; first sight with text4's fixes: 16 of 22, P 0.84.
    # Then fixed; two mono false alarms left (the consumer swearing, "are you going to sue me?")
    "text5": (30, 22, 22, 0.9),
    # a sixth author, told to write the messy middle of calls (elderly and confused consumers,
    # violations buried late); first sight with text5's fixes: 14 of 23, P 0.70 (the same
    # without them: text5's phrases caught nothing more here). Then fixed; one mono false
    # alarm left (tf04: "my neighbor said they put you in jail for not paying the doctors")
    "text6": (30, 23, 23, 0.95),
    # a seventh author (call floors, sarcasm, hypotheticals, stories of other debtors), held out
    # through 2026-12-03's fifth session (first sight 17 of 22, P 0.77), then fixed; two mono
    # false alarms left (the consumer swearing, "am I getting arrested?" after "they put out a
    # warrant") and a recording notice said "this call is, um, being recorded" (needs_listen)
    "text7": (30, 22, 22, 0.85),
    # an eighth author, written 2026-12-03 (many people and channels: roommates, spouses,
    # transfers, notes and letters read aloud); first sight with text7's fixes: 21 of 22, P 0.75
    # (the same at 4de9ef0). Then fixed; mono false alarms left of the kinds above (th20, th24)
    # and an attorney suspect in "An attorney? For a couch?" said to the agent who claimed to be one
    "text8": (30, 22, 22, 0.85),
    # a ninth author (special situations and the disclosures themselves: time-barred debts,
    # bankruptcy, executors, servicemembers, mangled mini-Mirandas); first sight with text8's
    # fixes: 20 of 22, P 0.95 (the same at 4de9ef0). Then fixed, with no false alarm left
    "text9": (30, 22, 22, 0.95),
    # a tenth author (pressure tactics and the line between lawful and unlawful: veiled
    # consequences, accurate warnings that must pass, hostile consumers), held out through the
    # sixth session (first sight with text9's fixes: 22 of 22, P 0.81), then fixed; left: a mono
    # consumer's "my cousin said they put a warrant out" (tj02) and a settlement offer the agent
    # sends to the consumer's attorney instead (tj10)
    "text10": (30, 22, 22, 0.9),
    # an eleventh author, written 2026-12-03 (spontaneous speech: interruptions, restarts,
    # requests taken back, casual paraphrased disclosures); first sight with text10's fixes:
    # 19 of 22, P 0.83 (the same at 9a0ea80). Then fixed; left: a mono consumer's story of a
    # neighbor who was sued and garnished (tk08)
    "text11": (30, 22, 22, 0.95),
    # a twelfth author (unusual call shapes: inbound calls, callbacks, transfers to a
    # supervisor, long negotiations, debts sold on), held out through the seventh session: first
    # sight with text11's fixes 20 of 22, P 0.87 (the same at 9a0ea80). Then fixed (eighth
    # session), with no false alarm left from text
    "text12": (30, 22, 22, 0.95),
    # a thirteenth author, written 2026-12-03 (conduct modelled on real enforcement cases:
    # implied criminal consequences, impersonation, employers and roommates told, calls after a
    # stop or a lawyer); first sight with text12's fixes 21 of 22, P 0.88 (the same at 378c7c0).
    # Then fixed; left: a mono consumer's own profanity (tm12)
    "text13": (30, 22, 22, 0.95),
    # a fourteenth author, written 2026-12-03 (the rules' words in innocent talk: consumers who
    # are deputies, bailiffs, court clerks, paralegals; true legal history told neutrally; one
    # brief violation from an otherwise courteous agent); first sight with text13's fixes 22 of
    # 23, P 0.71 (21 of 23, P 0.70 at 378c7c0). Then fixed; left: a mono consumer's "the judge
    # is coming out" (tn05) and "I've seen what a garnishment does to people's paychecks" (tn14)
    "text14": (30, 23, 23, 0.9),
    # a fifteenth author (indirect speech: rhetorical questions, hypotheticals, reported speech,
    # stories about other debtors, hints); first sight at b46712b: 18 of 22, P 0.78 (the same at
    # 378c7c0). Then fixed; left: the agent naming the debt in the greeting before the person
    # said who they are (to15, to29: the rule flags it, the author did not label it) and a mono
    # consumer's profanity (to06)
    "text15": (30, 22, 22, 0.85),
    # a sixteenth author (modern channels: texts, emails, payment links, portals, apps, credit
    # reporting, stop requests limited to one channel), held out until the ninth session; first
    # sight at dbafbd5: 21 of 22, P 0.78 (the same at 378c7c0). Then fixed; left: a mono
    # consumer's profanity (tp12)
    "text16": (30, 22, 22, 0.95),
    # a seventeenth author, written 2026-12-04 (trade jargon and many numbers: auto finance,
    # medical billing, utilities, rent, HOA, payday, student loans, cards, gyms, telecom); first
    # sight at eb48a5e: 22 of 23, P 0.96 (P 0.92 at 7f74627). Then fixed
    "text17": (30, 23, 23, 0.95),
    # an eighteenth author (English as a second language on both sides: offshore agents, immigrant
    # consumers, literal idioms, "stop to call me", "I am the advocate"); first sight at 89b4439:
    # 20 of 23, P 0.87 (P 0.83 at 7f74627). Then fixed
    "text18": (30, 23, 23, 0.95),
    # a nineteenth author (young people's slang on both sides: "no cap", "say less", "bro stop
    # hitting my line"; buy-now-pay-later, gig work, student housing); first sight at 8a9bd9e:
    # 21 of 22, P 0.91 (the same at 7f74627). Then fixed; left: a mono consumer's profanity (ts05)
    "text19": (30, 22, 22, 0.95),
    # a twentieth author (legally savvy consumers citing the FDCPA and Regulation F, agents who
    # answer in legal vocabulary or twist the law); first sight at f0a70f1: 22 of 23, P 0.73
    # (P 0.69 at 7f74627). Then fixed; left: a mono consumer's profanity (tt27)
    "text20": (30, 23, 23, 0.95),
    # a twenty-first author (government-adjacent debts placed with private collectors: tolls,
    # parking, county EMS, court fines, public tuition, servicemembers' debts); first sight at
    # b8ec75e: 22 of 22, P 0.85 (the same at 7f74627). Then fixed; left: "Then I send it back to
    # the judge on Friday, a warrant goes out" flagged as a legal threat too, which the author
    # labelled as an arrest threat only (tu03)
    "text21": (30, 22, 22, 0.95),
    # a twenty-second author (bad connections and conversational repair: sentences cut off and
    # restarted, "say again?", misheard words corrected, "stop, I can't hear you"); first sight at
    # 4c5c5ef: 22 of 22, P 0.92 (21 of 22, P 0.91 at 7f74627). Held out a session, then fixed
    "text22": (30, 22, 22, 0.95),
    # a twenty-third author (hardship and high emotion: grief, illness, job loss; "please stop, I
    # need a second", "they'll put me in jail for this?", agents kind, cold or cruel); first sight
    # at 1a5656f: 21 of 22, P 0.95 (the same at 66e1796). Then fixed
    "text23": (30, 22, 22, 0.95),
    # a twenty-fourth author (negotiation, conditionals and hypotheticals: "what happens if I
    # don't pay?", quoted threats, counter-offers); first sight at 1a5656f: 20 of 23, P 0.87 (the
    # same at 66e1796); 21 of 23, P 0.88 with text23's fixes. Held out a session, then fixed
    "text24": (30, 23, 23, 0.95),
    # a twenty-fifth author (scam-wary consumers and identity challenges: "how do I know you're
    # real?", wrong dates of birth as tests, agents claiming the county or the legal department
    # to be believed); first sight at 25b3da6: 20 of 22, P 0.87 (the same at 66e1796). Held out
    # a session, then fixed
    "text25": (30, 22, 22, 0.95),
    # a twenty-sixth author (routine account servicing on accounts in a plan or settlement:
    # declined cards, autopay, missing letters, payments made by relatives); first sight at
    # f007601: 21 of 22, P 0.84 (the same at 8a8c8a2). Then fixed; left: a mono consumer's
    # profanity (tz19)
    "text26": (30, 22, 22, 0.95),
    # a twenty-seventh author (inbound calls the consumer started: returned voicemails,
    # complaints, payments, calls for a parent); first sight at f007601: 22 of 22, P 0.85 (the
    # same at 8a8c8a2). Then fixed; left: a mono consumer's profanity (ua23)
    "text27": (30, 22, 22, 0.95),
    # a twenty-eighth author (consumers with communication needs: hard of hearing, relay
    # operators and interpreters, a stroke, caregivers with and without power of attorney);
    # first sight at 964dcfd: 20 of 22, P 0.77 (the same at 8a8c8a2 and with text29's fixes).
    # Then fixed
    "text28": (30, 22, 22, 0.95),
    # a twenty-ninth author (agents who correct themselves, retract or disclose late: "no,
    # scratch that", "I misspoke, I'm not an attorney", apologies that repeat a threat); first
    # sight at 964dcfd: 19 of 23, P 0.83 (the same at 8a8c8a2). Then fixed; left: a mono
    # consumer's profanity (uc20)
    "text29": (30, 23, 23, 0.95),
    # a thirtieth author (deceased consumers and their estates: widows, executors, relatives
    # with no authority, a consumer who says "he died"); first sight at f28e86d: 21 of 22, P 0.95
    # (P 0.91 at 8a8c8a2). Then fixed
    "text30": (30, 22, 22, 0.95),
    # a thirty-first author (busy consumers and bad times: at work, driving, "call me after six"
    # against "stop calling me, period"; calls at the 8 am and 9 pm edges); first sight at
    # f28e86d: 22 of 22, P 0.88 (the same at 8a8c8a2). Then fixed; left: "that's bullshit" in a
    # mono call, heard as a dispute (ue11)
    "text31": (30, 22, 22, 0.95),
    # a thirty-second author (old debts and debt buyers: resold accounts, time-barred debts,
    # "that's from 2012", "the clock starts over"); first sight at 9e229cc: 22 of 22, P 1.00 (the
    # same at 8a8c8a2). Fixed end to end only
    "text32": (30, 22, 22, 0.95),
    # a thirty-third author (consumers whose own jobs use the rules' words: deputies,
    # dispatchers, court clerks, paralegals, repo drivers); first sight at 9e229cc: 22 of 22, P
    # 0.73 (the same at 8a8c8a2). Then fixed; left: a mono consumer's profanity (ug08)
    "text33": (30, 22, 22, 0.95),
    # a thirty-fourth author (someone young or unexpected answers a family phone: a 12-year-old,
    # a teenager posing as a parent, junior and senior); first sight at b19958d: 21 of 22, P 1.00
    # (the same at 8a8c8a2). Held out a session, then fixed
    "text34": (30, 22, 22, 0.95),
    # a thirty-fifth author (several accounts at one agency, a request covering one and not
    # another: "my lawyer handles the Visa, not the hospital bill"); first sight at b19958d: 22
    # of 23, P 0.81 (the same at 8a8c8a2). Held out a session, then fixed; left: the agent telling
    # a verified co-signer of her son's other card (ui05: per-account scope is not modelled) and
    # a mono consumer's profanity (ui20)
    "text35": (30, 23, 22, 0.95),
    # a thirty-sixth author (tone and asides: failed holds and mutes, condescension, mockery,
    # blunt-but-lawful agents, consumers who swear at the agent); first sight at 316a68f: 20 of
    # 23, P 0.71. Then fixed; left: agents naming the debt in their first words to someone who
    # never said who they are (uj05, uj14, uj23: the rule flags it, the author did not label
    # it) and mono speech (uj04, uj12, uj30)
    "text36": (30, 23, 23, 0.75),
    # a thirty-seventh author (who is the consumer: co-signers, guarantors, authorized users,
    # joint holders, ex-spouses, a shared name, consent given on the line); first sight at
    # 316a68f: 22 of 22, P 0.81. Then fixed
    "text37": (30, 22, 22, 0.95),
    # a thirty-eighth author (intermediaries who are not the consumer's lawyer: credit
    # counselors, debt-settlement firms, legal-aid paralegals, three-way calls); first sight at
    # 316a68f: 22 of 22, P 0.73. Then fixed (the consumer's consent to a third party on the line)
    "text38": (30, 22, 22, 0.95),
    # a thirty-ninth author (long scripted legal language read aloud: validation notices,
    # time-barred and state notices, with violations hidden in or after them); first sight at
    # 316a68f: 21 of 22, P 0.81. Then fixed; left: "we are not saying you'll be sued, taken to
    # court, or have your wages garnished if you say no" (um22), a hedge agents also threaten with
    "text39": (30, 22, 22, 0.95),
    # a fortieth author (humor and banter: jokes with the rules' words, jokes that cross the
    # line, a laughing "seriously though, stop calling me"); first sight at 316a68f: 20 of 22,
    # P 0.80. Then fixed; left: a mono consumer's "Holy shit" (un10), and a balance told to a
    # consumer greeted by name who answered about her baby, never saying yes (un24). Since the thirty-third
    # session also un29, mono: the agent's own "It's Danny with Brooklyn Bridge Recovery" no longer
    # counts as the consumer's "it's me" (it found sd09's foreman), and nothing else confirms him
    "text40": (30, 22, 22, 0.85),
    # a forty-first author (medical debts and insurance: claims, denials, appeals, hospital
    # liens, caregivers); first sight at bfea565: 22 of 23, P 1.00. Then fixed (a small-claims suit)
    "text41": (30, 23, 23, 0.95),
    # a forty-second author (vehicles after repossession: deficiency balances, auctions, title
    # loans, tow and storage fees); first sight at bfea565: 20 of 22, P 0.69. Then fixed
    # (repossessions told as history, a workplace answering, the household's other car)
    "text42": (30, 22, 22, 0.95),
    # a forty-third author (rent and landlord debts: eviction court, marshals, legal aid,
    # deposits, roommates); first sight at bfea565: 21 of 22, P 0.84. Then fixed (a fake court
    # clerk, judgments already entered)
    "text43": (30, 22, 22, 0.95),
    # a forty-fourth author (payday and online loans: bounced checks and ACH debits called "check
    # fraud", bad check units, usury); first sight at bfea565: 23 of 23, P 0.92. Then fixed
    "text44": (30, 23, 23, 0.95),
    # a forty-fifth author (utility, cable and phone bills: equipment returns, disconnection,
    # reconnection fees, roommates on shared accounts); first sight at bfea565: 21 of 22, P 0.91.
    # Then fixed (a landlord asked about a former tenant)
    "text45": (30, 22, 22, 0.95),
    # a forty-sixth author (trainees with a coach or supervisor on the agent's channel,
    # corrections and bad advice repeated); first sight at bfea565: 23 of 23, P 0.92. Then fixed;
    # left: a trainee who never got a yes before the balance (ut29: the rule flags it, the author
    # did not label it)
    "text46": (30, 23, 23, 0.95),
    # a forty-seventh author (calls that reach a machine or end fast: messages left, people
    # picking up mid-message); first sight at 577453b: 21 of 22, P 1.00. Then fixed (the
    # mini-Miranda left on a machine the wife picked up)
    "text47": (30, 22, 22, 0.95),
    # a forty-eighth author (disclosures done halfway: interrupted, restarted, paraphrased, late);
    # first sight at 577453b: 21 of 23, P 1.00. Both misses were labels its brief got wrong, and
    # were corrected (uv27: a call at 21:00:00 is not after 9 p.m.; uv09: the recording notice
    # came some 12 s into the agent's speech, inside the rule's 30 s)
    "text48": (30, 21, 21, 0.95),
    # a forty-ninth author (regional American speech: Southern, Appalachian, New England, Upper
    # Midwest, Texas, New York idioms); first sight at 577453b: 20 of 23, P 0.91. Then fixed;
    # left: a mono consumer's profanity (uw03)
    "text49": (30, 23, 23, 0.95),
    # a fiftieth author (membership and contract debts: gyms, timeshares, HOA dues, rent-to-own);
    # first sight at 577453b: 21 of 22, P 0.84. Then fixed; left: a mono consumer's profanity
    # (ux23)
    "text50": (30, 22, 22, 0.95),
    # a fifty-first author (holiday season and year-end calls); first sight at 577453b: 22 of 23,
    # P 0.96. Then fixed; left: a mono consumer's profanity (uy08)
    "text51": (30, 23, 23, 0.95),
    # a fifty-second author (private student loans and for-profit school debts); first sight at
    # 577453b: 19 of 22, P 0.95, one miss a label its brief got wrong and corrected (uz18: a call at
    # 21:00:00). Then fixed
    "text52": (30, 21, 21, 0.95),
    # a fifty-third author (small towns and rural life: farmers, ranchers, shared lines, the sheriff
    # everyone knows), held out from 2026-12-04, first sight at cb23ccb: 17 of 22, P 0.94. Then
    # fixed; left: a mono consumer's profanity (va19)
    "text53": (30, 22, 22, 0.95),
    # a fifty-fourth author (calls taken on the move or in company: speakerphones, bystanders,
    # consent to listen), held out, first sight at cb23ccb: 22 of 23, P 1.00. Then fixed
    "text54": (30, 23, 23, 0.95),
    # a fifty-fifth author (coerced and shared-household debts: ex-partners, survivors of abuse,
    # accounts a relative opened), held out, first sight at cb23ccb: 21 of 22, P 0.84. Then fixed
    "text55": (30, 22, 22, 0.95),
    # a fifty-sixth author (credit reports and scores: pay-for-delete, credit-repair companies,
    # credit-ruin talk), held out, first sight at cb23ccb: 20 of 22, P 0.83. Then fixed; left: a
    # mono consumer's profanity (vd02)
    "text56": (30, 22, 22, 0.95),
    # a fifty-seventh author (identity theft and fraud claims), first sight at e0b8d2c: 22 of 23,
    # P 0.73 (agents handling identity theft as the law wants were not known as a dispute's
    # reply). Then fixed; left: "don't play dumb" to a consumer whose fraud claim was closed, a
    # mono call the author did not label a dispute (ve28)
    "text57": (30, 23, 23, 0.95),
    # a fifty-eighth author (divorce and separation), first sight at e0b8d2c: 23 of 23, P 0.66
    # (divorce lawyers taken for attorneys on the debt). Then fixed
    "text58": (30, 23, 23, 0.95),
    # a fifty-ninth author (consumers who push back with their own legal threats and complaints),
    # first sight at e0b8d2c: 23 of 23, P 0.82. Then fixed; left: "Am I speaking with Renata
    # Okafor?" "You are." is no confirmation the rule knows (vg11)
    "text59": (30, 23, 23, 0.95),
    # a sixtieth author (consumers with a criminal-justice past or present), first sight at
    # e0b8d2c: 22 of 22, P 0.88 (their own jail time in mono speech). Then fixed
    "text60": (30, 22, 22, 0.95),
    # a sixty-first author (natural disasters and emergencies), first sight at bd2bf1a: 17 of 22,
    # P 0.94. Then fixed
    "text61": (30, 22, 22, 0.95),
    # a sixty-second author (tax season: refunds, offsets, the IRS), first measured at 814dda5
    # after its per-call results had scrolled past in a regression diff (no phrase was written
    # for it before): 21 of 22, P 0.91. Then fixed
    "text62": (30, 22, 22, 0.95),
    # a sixty-third author (gig workers and people on the road), first sight at bd2bf1a: 18 of 22,
    # P 0.95. Then fixed
    "text63": (30, 22, 22, 0.95),
    # a sixty-fourth author (veterinary bills and pets), first sight at bd2bf1a: 21 of 22, P 0.88.
    # Then fixed
    "text64": (30, 22, 22, 0.95),
    # a sixty-fifth author (moving and relocation: new states and time zones, old numbers), held
    # out a session, measured once at 0aa9076: 20 of 23, P 0.77. Then fixed; left: a consumer's
    # "damn" on mono audio is for review (vm21)
    "text65": (30, 23, 23, 0.95),
    # a sixty-sixth author (faith and church life), held out a session, measured once at 0aa9076:
    # 20 of 22, P 0.87. Then fixed; left: "Oh damn it ... Lord forgive my language", mono (vn07)
    "text66": (30, 22, 22, 0.95),
    # a sixty-seventh author (agents working from home: asides when they think they are muted, a
    # supervisor barging in), held out a session, measured once at 0aa9076: 22 of 22, P 0.92.
    # Then fixed
    "text67": (30, 22, 22, 0.95),
    # a sixty-eighth author (hospitals and care facilities: nurses and front desks answering,
    # patients on medication), held out a session, measured once at 0aa9076: 20 of 22, P 0.74.
    # Then fixed
    "text68": (30, 22, 22, 0.95),
    # a sixty-ninth author (consumers abroad or travelling across time zones), first sight at
    # 9c7106f: 21 of 22, P 0.88. Then fixed; left: a consumer's swearing on mono audio (vq26)
    "text69": (30, 22, 22, 0.95),
    # a seventieth author (small-business owners whose personal and business debts mix), first
    # sight at 9c7106f: 21 of 22, P 0.84. Then fixed; left: a consumer's swearing on mono (vr17);
    # "A former client is suing my cleaning company ... My lawyer says it's nonsense" (vr19: an
    # exception for it would also excuse "my lawyer says this debt is nonsense"); "I'm the office
    # manager" (vr06: a consumer may say it of their own job)
    "text70": (30, 22, 22, 0.85),
    # a seventy-first author (retail store cards and financing), first sight at 9c7106f: 22 of
    # 22, P 0.79. Then fixed; left: a consumer's swearing on mono (vs15), "Put it in writing if
    # you have to" brushed aside, mono (vs25: for review)
    "text71": (30, 22, 22, 0.9),
    # a seventy-second author (agents recapping earlier calls and account notes read aloud), first
    # sight at 9c7106f: 22 of 22, P 0.88. Meant to be held out, but its false alarms scrolled past
    # in a regression diff, so it was fixed
    "text72": (30, 22, 22, 0.95),
    # a seventy-third author (recording, privacy and consent talk), first sight at d472e72: 18 of
    # 22, P 0.90. Then fixed; left: a notice said inside the first 30 seconds of agent speech, the
    # issue's rule, but only when asked (vu02), which the author labelled late. "I should have said
    # this at the start, this call is recorded" (vu22) is late since the seventeenth session
    "text73": (30, 22, 21, 0.95),
    # a seventy-fourth author (taking payments over the phone), first sight at eb270a5: 22 of 22,
    # P 0.92. Nothing fixed: left, a balance said before anyone confirmed who answered (vv17, the
    # author let it pass), a consumer's swearing on mono (vv20)
    "text74": (30, 22, 22, 0.9),
    # a seventy-fifth author (powers of attorney, guardians, conservators and payees), first sight
    # at eb270a5: 22 of 22, P 0.85. Then fixed
    "text75": (30, 22, 22, 0.95),
    # a seventy-sixth author (consumers living on disability and benefits), first sight at
    # 2e347fd: 19 of 22, P 0.83. Then fixed; left: "deficiency on the Malibu" said before "Yes,
    # this is Brenda" (vx07), "You are." as a confirmation (vx27, as vg11)
    "text76": (30, 22, 22, 0.9),
    # a seventy-seventh author (home improvement financing: solar, roofs, contractors, mechanic's
    # liens), first sight at eb270a5: 20 of 23, P 0.87. Held out a session, then fixed; left: a
    # mono consumer's swearing (vy13)
    "text77": (30, 23, 23, 0.95),
    # a seventy-eighth author (boats, RVs, motorcycles and campers bought on credit), first sight at
    # 60bd8d9: 22 of 22, P 0.92. Then fixed
    "text78": (30, 22, 22, 0.95),
    # a seventy-ninth author (debts owed to professionals: law firms, accountants, dentists), first
    # sight at 54737ae: 21 of 23, P 0.84. Then fixed; left: a law firm's own bill for the consumer's
    # lawsuit and garnishment of a contractor, told in mono speech (wa25)
    "text79": (30, 23, 23, 0.95),
    # an eightieth author (childcare and children's activities), first sight at 54737ae: 19 of 22,
    # P 0.95. Then fixed; left: "By the way, this call is being recorded" in the agent's fourth
    # turn, inside the first 30 seconds, labelled late (wb20)
    "text80": (30, 22, 21, 0.95),
    # an eighty-first author (travel debts: airlines, cruises, vacation loans), held out a session:
    # 20 of 22, P 0.95 at 60bd8d9 and 53953ed. Then fixed; left: a consumer's swearing (wc21, mono)
    "text81": (30, 22, 22, 0.95),
    # an eighty-second author (weddings and events), first sight at 748ddf2: 20 of 22, P 0.91. Then
    # fixed
    "text82": (30, 22, 22, 0.95),
    # an eighty-third author (casino markers and betting debts), first sight at 748ddf2: 22 of 23,
    # P 0.92. Then fixed; left: a balance told before "Is this Donna Pierce?" was answered (we18)
    "text83": (30, 23, 23, 0.95),
    # an eighty-fourth author (idioms that sound like threats), first sight at 748ddf2: 22 of 23,
    # P 0.88. Then fixed; left: "I thought that was taken care of" taken for a dispute (wf13, mono)
    "text84": (30, 23, 23, 0.95),
    # an eighty-fifth author (sovereign-citizen consumers), first sight at 748ddf2: 21 of 22, P 0.75.
    # Then fixed; left: "The man was born November second" taken for no answer (wg20, mono)
    "text85": (30, 22, 22, 0.95),
    # an eighty-sixth author (firearms, hunting and outdoor gear), first sight at 2748003: 21 of 22,
    # P 0.84. Then fixed; left: a brother-in-law's "the cops can haul you off to jail", asked about
    # in mono speech (wh03), a consumer's swearing (wh14)
    "text86": (30, 22, 22, 0.9),
    # an eighty-seventh author (fertility treatment, surrogacy and adoption), first sight at 2748003:
    # 22 of 23, P 0.88. Then fixed
    "text87": (30, 23, 23, 0.95),
    # an eighty-eighth author (cosmetic procedures and med spas), first sight at 2748003: 20 of 22,
    # P 0.87. Then fixed
    "text88": (30, 22, 22, 0.95),
    # an eighty-ninth author (small towns where the agent knows who answers), first sight at
    # 2748003: 20 of 22, P 0.91. Then fixed
    "text89": (30, 22, 22, 0.95),
    # a ninetieth author (home security and alarm monitoring), first sight at 90a7c53: 19 of 22,
    # P 1.00. Then fixed
    "text90": (30, 22, 22, 0.95),
    # a ninety-first author (self-storage, towing and impound lots), first sight at 90a7c53: 22 of
    # 23, P 0.92. Then fixed; left: a consumer's swearing (wm07, mono)
    "text91": (30, 23, 23, 0.95),
    # a ninety-second author (funeral homes, cemetery plots and pre-need contracts), first sight
    # at 90a7c53: 21 of 22, P 0.95. Then fixed
    "text92": (30, 22, 22, 0.95),
    # a ninety-third author (durable medical equipment rentals), first sight at 90a7c53, held out a
    # session: 22 of 22, P 0.96. Then fixed (end to end); left: a consumer's swearing (wo13, mono)
    "text93": (30, 22, 22, 0.95),
    # a ninety-fourth author (solar leases and home-energy loans), first sight at 6ab577f: 23 of 23,
    # P 0.88. Then fixed; left: a consumer's swearing (wp21, mono)
    "text94": (30, 23, 23, 0.95),
    # a ninety-fifth author (pest control, lawn and pool services), first sight at 6ab577f: 22 of
    # 22, P 0.92. Then fixed; left: a wife's "they said we still owed them", in mono speech (wq06)
    "text95": (30, 22, 22, 0.95),
    # a ninety-sixth author (rental cars and equipment rentals), first sight at 6ab577f: 21 of 22,
    # P 0.91. Then fixed; left: a consumer's swearing (wr30, mono)
    "text96": (30, 22, 22, 0.95),
    # a ninety-seventh author (musical instruments, lessons and recording studios), first sight at
    # 4b0eba7: 19 of 23, P 1.00. Then fixed
    "text97": (30, 23, 23, 0.95),
    # a ninety-eighth author (skip tracing and location calls), first sight at 4b0eba7: 19 of 22,
    # P 0.86. Then fixed; left: "you were listed as a reference for Melissa Grant", the agent's
    # own words that the person on the line is someone else (wt23)
    "text98": (30, 22, 21, 0.95),
    # a ninety-ninth author (mobile home parks), first sight at 4b0eba7: 21 of 22, P 0.81. Then
    # fixed; left: "Curtis, this is Shane ..." and "Hi Sharon, it's Kevin", greetings by name that
    # no "yes" answered, taken as told to someone unconfirmed (wu05, wu10)
    "text99": (30, 22, 22, 0.9),
    # a hundredth author (call screening, voicemail and automated assistants), first sight at
    # 4b0eba7: 18 of 22, P 0.72. Then fixed; left: "The point is I don't want to talk to you"
    # heard as a possible request to stop (wv17)
    "text100": (30, 22, 22, 0.95),
    # a hundred-and-first author (sports and coaching), first sight at 75fdf03: 23 of 23, P 0.92;
    # nothing to fix but mono speech (a consumer's swearing, ww07; a roommate asking "Is this about
    # the money he owes the league?", ww09, no longer flagged since the hundred-and-sixteenth set's fix)
    "text101": (30, 23, 23, 0.9),
    # a hundred-and-second author (auto repair shops and mechanic's liens), first sight at 75fdf03:
    # 21 of 22, P 0.95. Then fixed
    "text102": (30, 22, 22, 0.95),
    # a hundred-and-third author (online dating and romance scams), first sight at a717f2c: 18 of
    # 22, P 0.82. Then fixed; left: a fiancee's "He told me that card was paid off" and an ex-husband
    # in mono speech (wy02, wy27)
    "text103": (30, 22, 22, 0.9),
    # a hundred-and-fourth author (cryptocurrency and trading losses), first sight at a717f2c: 22 of
    # 23, P 1.00. Then fixed
    "text104": (30, 23, 23, 0.95),
    # a hundred-and-fifth author (restaurant and bar workers), first sight at a717f2c: 23 of 23, P
    # 0.82. Then fixed; left: mono speech (a line cook's swearing, xa15; a manager's "Is this about
    # his garnishment?", xa30)
    "text105": (30, 23, 23, 0.9),
    # a hundred-and-sixth author (addiction treatment and recovery), first sight at a717f2c: 20 of
    # 22, P 0.83. Then fixed; left: mono speech (a consumer's swearing, xb19; "got picked up by the
    # police for public intoxication", xb26)
    "text106": (30, 22, 22, 0.85),
    # a hundred-and-seventh author (toll roads, parking tickets and traffic-camera bills), first
    # sight at f057bc4: 20 of 22, P 0.95. Then fixed
    "text107": (30, 22, 22, 0.95),
    # a hundred-and-eighth author (court mail confusion: summonses, subpoenas, process servers),
    # first sight at f057bc4: 22 of 22, P 0.88. Then fixed
    "text108": (30, 22, 22, 0.95),
    # a hundred-and-ninth author (licensed professionals afraid for their licenses), first sight at
    # f057bc4: 23 of 23, P 0.92. Then fixed; left: a nurse's swearing (xe27, mono)
    "text109": (30, 23, 23, 0.95),
    # a hundred-and-tenth author (insurance premium finance and lapsed policies), first sight at
    # f057bc4: 21 of 22, P 0.84. Then fixed
    "text110": (30, 22, 22, 0.95),
    # a hundred-and-eleventh author (pawn shops, jewelry stores and title loans), first sight at
    # f057bc4, held out a round: 22 of 23, P 0.81. Then fixed; left: "Is this Shonda Reese? This is
    # Mr. Caldwell ..." that no "yes" answered (xg06), and "It's, uh, it's really early. Yeah, this
    # is Megan", a "yes" that does not open the turn (xg16)
    "text111": (30, 23, 23, 0.9),
    # a hundred-and-twelfth author (buy now, pay later), first sight at 2093798: 22 of 22, P 0.96.
    # Then fixed
    "text112": (30, 22, 22, 0.95),
    # a hundred-and-thirteenth author (immigrant consumers, visas and deportation fears), first
    # sight at 2093798: 21 of 22, P 0.88. Then fixed
    "text113": (30, 22, 22, 0.95),
    # a hundred-and-fourteenth author (ambulance and emergency transport bills), first sight at
    # 2093798: 23 of 23, P 0.88. Then fixed
    "text114": (30, 23, 23, 0.95),
    # a hundred-and-fifteenth author (same-name families: Juniors, Seniors and twins), first sight at
    # 2093798: 21 of 23, P 0.91. Then fixed; left: a recording notice in the agent's third turn but
    # inside 30 seconds of agent speech, labelled late (xk22), which the rule's 30 seconds allow
    "text115": (30, 23, 22, 0.95),
    # a hundred-and-sixteenth author (seasonal and tourism workers), first sight at 2093798, held out
    # a round: 23 of 23, P 0.96. Then fixed
    "text116": (30, 23, 23, 0.95),
    # a hundred-and-seventeenth author (union workers, strikes and layoffs), first sight at f9e48bb:
    # 21 of 22, P 0.95. Then fixed
    "text117": (30, 22, 22, 0.95),
    # a hundred-and-eighteenth author (grandparents and relatives raising children), first sight at
    # f9e48bb: 21 of 23, P 0.78. Then fixed; left: debt details told in the agent's first turn to a
    # consumer greeted by name, before any answer (xn04), and on a callback the consumer asked for
    # (xn22), flagged as the rule reads; a consumer's swearing (xn19, mono)
    "text118": (30, 23, 23, 0.85),
    # a hundred-and-nineteenth author (campus debts: tuition, transcript holds, dorms, fines), first
    # sight at f9e48bb: 21 of 22, P 0.95. Then fixed
    "text119": (30, 22, 22, 0.95),
    # a hundred-and-twentieth author (offshore and nearshore call-center agents), first sight at
    # 512ca90: 23 of 23, P 0.92. Then fixed
    "text120": (30, 23, 23, 0.95),
    # a hundred-and-twenty-first author (deferred interest, balance transfers, store financing),
    # first sight at 512ca90: 23 of 23, P 0.88. Then fixed
    "text121": (30, 23, 23, 0.95),
    # a hundred-and-twenty-second author (windfalls: lottery wins, inheritances, settlements), first
    # sight at 512ca90: 23 of 23, P 0.88. Then fixed; left: a consumer's swearing (xr15, mono)
    "text122": (30, 23, 23, 0.95),
    # a hundred-and-twenty-third author (small landlords behind on their own debts), held out a
    # session: first sight at 512ca90 22 of 23, P 0.96 (the same at 2b4f3d7). Then fixed, with no
    # false alarm left from text
    "text123": (30, 23, 23, 0.95),
    # written 2026-12-05 (twentieth session) from a rewritten brief, first sight at 255a935: a
    # hundred-and-twenty-fourth author (farmers, ranchers and farmworkers), 18 of 23, P 0.72. Then
    # fixed; left: cease-request suspects for review (xt03, xt20) and a mono consumer swearing at
    # her heifers (xt06)
    "text124": (30, 23, 23, 0.85),
    # a hundred-and-twenty-fifth (deaf and hard-of-hearing consumers: relay operators, interpreters,
    # captioned phones), 21 of 23, P 0.64. Then fixed; left: seven relay calls flagged as told
    # before a confirmation, since "He signs: yes, this is Julian" does not open the interpreter's
    # turn; a wrong party's "no this is Bree" typed through a relay (xu12); a cease suspect (xu15)
    "text125": (30, 23, 23, 0.65),
    # a hundred-and-twenty-sixth (bad phone lines: drops, callbacks, echo, restarted openings),
    # 23 of 23, P 0.66. Then fixed; left: nine callbacks where the agent greets the consumer by name
    # and names the debt before any "yes" (flagged as the rule reads) and a cease suspect (xv08)
    "text126": (30, 23, 23, 0.65),
    # a hundred-and-twenty-seventh (teachers, school staff and public employees), 18 of 23, P 0.72,
    # held out a session (19 of 23 with the other three sets' fixes). Then fixed (2026-12-06); left:
    # a mono balance told before "Yes, this is Courtney" (xw27, for a listen)
    "text127": (30, 23, 23, 0.9),
    # written 2026-12-06 (twenty-first session), first sight at 1265b2a: a hundred-and-twenty-eighth
    # author (night-shift and odd-hours workers), 21 of 23, P 0.75. Then fixed; left: confirmations
    # that do not open the turn ("What the hell ... Yeah, this is Ray", xx14) and callbacks naming the
    # debt before any "yes" (xx10, xx21, xx30), flagged as the rule reads
    "text128": (30, 23, 23, 0.8),
    # a hundred-and-twenty-ninth (calls passed between agents: supervisors, transfers, trainees),
    # 20 of 22, P 0.91. Then fixed; left: a mono consumer swearing (xy14, for a listen)
    "text129": (30, 22, 22, 0.9),
    # a hundred-and-thirtieth (failed payments: declined cards, bounced checks, double drafts), 21 of
    # 23, P 0.88. Then fixed
    "text130": (30, 23, 23, 0.95),
    # a hundred-and-thirty-first (consumers who know the rules), 19 of 23, P 0.76, held out a session
    # (the same with the other three sets' fixes). Then fixed (2026-12-06, twenty-second session);
    # left: a mono consumer swearing (ya10, for a listen)
    "text131": (30, 23, 23, 0.95),
    # written 2026-12-06 (twenty-second session), first sight at 344f7aa: a hundred-and-thirty-second
    # author (servicemembers and military families), 20 of 23, P 0.77. Then fixed; left: a mono
    # consumer swearing (yb15, for a listen)
    "text132": (30, 23, 23, 0.95),
    # a hundred-and-thirty-third (utility, phone and cable debts), 20 of 23, P 0.87. Then fixed
    "text133": (30, 23, 23, 0.95),
    # a hundred-and-thirty-fourth (bankruptcy in the picture), 21 of 23, P 0.91. Then fixed; left: a
    # mono consumer swearing (yd04, for a listen)
    "text134": (30, 23, 23, 0.95),
    # a hundred-and-thirty-fifth (gym memberships, subscriptions and auto-renewals), 21 of 23,
    # P 0.875, held out a session (the same with the other four sets' fixes). Then fixed
    # (2026-12-06, twenty-third session); left: a mono consumer swearing (ye10, for a listen)
    "text135": (30, 23, 23, 0.95),
    # written 2026-12-06 (twenty-third session), first sight at 1eff114: a hundred-and-thirty-sixth
    # author (cosigners and joint borrowers), 18 of 23, P 0.82. Then fixed; left: a mono consumer
    # swearing (yf10, for a listen), a dispute suspect with an authorized user (yf13)
    "text136": (30, 23, 23, 0.9),
    # a hundred-and-thirty-seventh (debts of people who have died: executors, widows, estates), 18 of
    # 23, P 0.67. Then fixed; left: two follow-up calls naming the debt before any "yes" (yg22, yg24)
    # and a bench warrant threat also read as legal action (yg20)
    "text137": (30, 23, 23, 0.85),
    # a hundred-and-thirty-eighth (payday and online installment loans), 20 of 23, P 0.87. Then
    # fixed; left: a mono consumer swearing (yh19, for a listen)
    "text138": (30, 23, 23, 0.95),
    # a hundred-and-thirty-ninth (calls that reach consumers at work), 21 of 23, P 0.78 at 1eff114,
    # held out a session. Then fixed (2026-12-06, twenty-fourth session); left: two mono consumers
    # swearing (yi06, yi14, for a listen)
    "text139": (30, 23, 23, 0.9),
    # written 2026-12-06 (twenty-third session, a second round), first sight at 70796b6: a hundred-
    # and-fortieth author (apartment and rental-housing debts), 22 of 23, P 0.88. Then fixed; left:
    # a mono consumer swearing (yj06, for a listen)
    "text140": (30, 23, 23, 0.95),
    # a hundred-and-forty-first (consumers over seventy-five on fixed incomes), 21 of 23, P 0.91.
    # Then fixed; left: a first contact that never reached the debt, flagged for both disclosures (yk21)
    "text141": (30, 23, 23, 0.9),
    # a hundred-and-forty-second (old and bought debts, time-barred debts), 23 of 23, P 0.885. Then fixed
    "text142": (30, 23, 23, 0.95),
    # a hundred-and-forty-third (consumers in a crisis), 22 of 23, P 0.815 at 70796b6, held out a
    # session. Then fixed (twenty-fourth session); left: a balance named in a mono first turn before
    # any answer (ym26, for a listen)
    "text143": (30, 23, 23, 0.95),
    # written 2026-12-06 (twenty-fourth session), first sight at 34344f2: a hundred-and-forty-fourth
    # author (auto loans after repossession: deficiencies, surrenders, GAP), 22 of 23, P 0.815. Then
    # fixed; left: a mono consumer swearing (yn04, for a listen)
    "text144": (30, 23, 23, 0.95),
    # a hundred-and-forty-fifth (settlement offers and payment-plan negotiations), 21 of 23, P 0.91.
    # Then fixed; left: a consumer's "I'm recording this call" is no notice even from the agent's
    # channel (yo08), and a mono consumer swearing (yo11)
    "text145": (30, 23, 23, 0.9),
    # a hundred-and-forty-sixth (wrong numbers, reassigned numbers, parents and adult children), 21 of
    # 23, P 0.875. Then fixed; left: a mono consumer swearing (yp15, for a listen)
    "text146": (30, 23, 23, 0.95),
    # held out a session: a hundred-and-forty-seventh (consumers who work in law enforcement, courts
    # and law offices), 21 of 23, P 0.81 at 34344f2. Then fixed (twenty-fifth session)
    "text147": (30, 23, 23, 0.95),
    # written 2026-12-06 (twenty-fourth session, a second round), first sight at 856639a: a hundred-
    # and-forty-eighth author (bilingual calls, Spanish and English), 20 of 22, P 0.43: every
    # disclosure said in Spanish was missed. Then fixed; left: a mono consumer's "pinche" (yr21)
    "text148": (30, 22, 22, 0.95),
    # a hundred-and-forty-ninth (student loans, federal and private), 20 of 23, P 0.87. Then fixed;
    # left: a mono consumer swearing (ys12, for a listen)
    "text149": (30, 23, 23, 0.95),
    # a hundred-and-fiftieth (timeshares, vacation clubs, homeowners' association dues), 21 of 23,
    # P 0.81. Then fixed; left: a balance named before the consumer said who she is (yt26), a mono
    # consumer swearing (yt08)
    "text150": (30, 23, 23, 0.9),
    # held out a session: a hundred-and-fifty-first (credit reporting talk), 21 of 23, P 0.84 at
    # 856639a. Then fixed (twenty-fifth session)
    "text151": (30, 23, 23, 0.95),
    # written 2026-12-06 (twenty-fourth session, a third round), first sight at af3d7d3: a hundred-
    # and-fifty-second author (inbound calls), 22 of 23, P 0.815. Then fixed; left: a mono caller who
    # gave her name before her date of birth (yv03), a mono consumer swearing (yv06)
    "text152": (30, 23, 23, 0.9),
    # a hundred-and-fifty-third (the holiday season and year's end), 21 of 23, P 0.78. Then fixed;
    # left: a follow-up call naming the debt before any "yes" (yw12), a mono consumer swearing (yw04)
    "text153": (30, 23, 23, 0.9),
    # a hundred-and-fifty-fourth (rural and tribal communities), 19 of 23, P 0.86. Then fixed
    "text154": (30, 23, 23, 0.95),
    # held out a session: a hundred-and-fifty-fifth (texts and emails discussed on calls), 21 of 23,
    # P 0.64 at af3d7d3. Then fixed (twenty-fifth session); left: a mono consumer swearing (yy22)
    "text155": (30, 23, 23, 0.95),
    # written 2026-12-06 (twenty-fifth session), first sight at 493b531: a hundred-and-fifty-sixth
    # author (children answering, speakerphones, others in the room), 23 of 23, P 0.92. Then fixed;
    # left: a mono consumer swearing (yz21)
    "text156": (30, 23, 23, 0.95),
    # a hundred-and-fifty-seventh (month-end quota pressure), 22 of 23, P 0.85. Then fixed; left: a
    # mono consumer swearing (za07)
    "text157": (30, 23, 23, 0.95),
    # a hundred-and-fifty-eighth (dental, orthodontic and vision bills), 22 of 23, P 0.79. Then fixed
    # (the agent's "I'm recording this call for quality", zb03, by mono_exceptions); left: a mono
    # consumer swearing (zb19)
    "text158": (30, 23, 23, 0.9),
    # held out a session: a hundred-and-fifty-ninth (consumers who work in call centers and
    # collections themselves), 23 of 23, P 0.77 at 493b531. Then fixed (follow-up calls greeted by
    # the agent's name: greeted_by_name); left: a mono consumer swearing (zc06)
    "text159": (30, 23, 23, 0.95),
    # written 2026-12-06 (twenty-fifth session, a second round), first sight at f234dbd: a hundred-
    # and-sixtieth author (nurses, EMTs and firefighters on shift), 23 of 23, P 0.885. Then fixed
    "text160": (30, 23, 23, 0.95),
    # a hundred-and-sixty-first (financial coaches, budgeting apps and friends helping on the
    # call), 20 of 23, P 0.91. Then fixed
    "text161": (30, 23, 23, 0.95),
    # a hundred-and-sixty-second (agents on a bad day), 22 of 23, P 0.88. Then fixed
    "text162": (30, 23, 23, 0.95),
    # held out a session: a hundred-and-sixty-third (truckers, delivery and rideshare drivers on
    # the road), 18 of 23, P 0.95 at f234dbd. Then fixed (a brother's reply "This is Lonnie, his
    # brother" to the details told after his "yeah", zg03)
    "text163": (30, 23, 23, 0.95),
    # written 2026-12-06 (twenty-fifth session, a third round of two), first sight at 4990217: a
    # hundred-and-sixty-fourth author (new and expecting parents), 20 of 23, P 0.87. Then fixed;
    # left: "'I can't pay anything' is what deadbeats say", where the quoted "can't" reads as
    # negating the name (zh16); two follow-up calls naming the debt before any "yes" (zh13, zh23)
    "text164": (30, 23, 22, 0.9),
    # a hundred-and-sixty-fifth (phone and device financing, app stores, charges not recognized),
    # 21 of 23, P 0.84. Then fixed; left: a consumer swearing (zi19)
    "text165": (30, 23, 23, 0.95),
    # written 2026-12-06 (twenty-sixth session), first sight at a6e6e56 and 2793595: a hundred-and-
    # sixty-sixth author (construction and skilled-trades workers on job sites), 19 of 23, P 0.79.
    # Then fixed; left: a mono consumer swearing (zj13)
    "text166": (30, 23, 23, 0.95),
    # a hundred-and-sixty-seventh (cancer, dialysis and transplant patients and their caregivers),
    # 21 of 23, P 0.875 at 2793595. Then fixed; left: a mono consumer swearing (zk07)
    "text167": (30, 23, 23, 0.95),
    # a second round the same session, first sight at 69d45bb: a hundred-and-sixty-eighth author
    # (laid-off tech and office workers), 22 of 23, P 0.92. Then fixed; left: a mono consumer
    # swearing (zl06), the ISA balance named in the agent's first words before any "yes" (zl11)
    "text168": (30, 23, 23, 0.9),
    # a hundred-and-sixty-ninth (adult children caring for aging parents), 23 of 23, P 0.82. Then
    # fixed; left: a mono consumer swearing (zm05), a callback naming the mother's account before
    # the daughter's "yeah" (zm15)
    "text169": (30, 23, 23, 0.9),
    # held out a session: a hundred-and-seventieth (commercial fishermen, seafood-plant workers and
    # dock hands), 22 of 23, P 0.815 at 69d45bb. Fixed the next session; left: a mono consumer
    # swearing (zn20)
    "text170": (30, 23, 23, 0.95),
    # a third round the same session, from the words only, first sight at 8945c7b: a hundred-and-
    # seventy-first author (stylists, barbers and nail techs at the chair), 19 of 22, P 0.76. Then
    # fixed; left: "Holy shit, forty? No wonder you never pick up" in mono speech (zo11), a mono
    # "Just the lawsuit." (zo10)
    "text171": (30, 22, 22, 0.9),
    # a hundred-and-seventy-second (airline crews and airport workers), 21 of 23, P 0.955. Then
    # fixed; left: a mono consumer swearing (zp10)
    "text172": (30, 23, 23, 0.95),
    # written 2026-12-06 (twenty-seventh session), first sight at 58d9261: a hundred-and-seventy-
    # third author (hotel and hospitality workers), 22 of 23, P 0.815. Then fixed; left: a
    # follow-up whose "Hi Kyle" was answered "Not really" and never confirmed (zq07)
    "text173": (30, 23, 23, 0.95),
    # a hundred-and-seventy-fourth (warehouse and factory workers), 21 of 23, P 0.91. Then fixed;
    # left: a mono consumer swearing (zr10)
    "text174": (30, 23, 23, 0.95),
    # a second round the same session, first sight at 9fbc989: a hundred-and-seventy-fifth author
    # (grocery and big-box retail workers), 19 of 23, P 0.86. Then fixed
    "text175": (30, 23, 23, 0.95),
    # a hundred-and-seventy-sixth (real estate agents, loan officers and property managers), 22 of
    # 23, P 0.76. Then fixed; left: three follow-up calls whose consumer, greeted by name, answered
    # with no "yes" before the balance (zt02, zt19, zt30)
    "text176": (30, 23, 23, 0.85),
    # a third round the same session, first sight at 9e030fd: a hundred-and-seventy-seventh author
    # (janitors, custodians and building maintenance workers), 20 of 23, P 0.83. Then fixed; left: a
    # mono consumer swearing (zu20)
    "text177": (30, 23, 23, 0.95),
    # a hundred-and-seventy-eighth (musicians, actors and other performers), 21 of 23, P 0.81. Then
    # fixed; left: a mono consumer swearing (zv06)
    "text178": (30, 23, 23, 0.95),
    # the twenty-eighth session, first sight at 7dd745b: a hundred-and-seventy-ninth author (bus
    # drivers, transit operators, rideshare and delivery drivers), 25 of 26, P 0.96. Then fixed
    "text179": (30, 26, 26, 0.95),
    # a hundred-and-eightieth (landscapers, roofers, plumbers, electricians and other trades), 23 of
    # 26, P 0.92. Then fixed
    "text180": (30, 26, 26, 0.95),
    # a second round the same session, first sight at f94827f: a hundred-and-eighty-first author
    # (firefighters, EMTs, paramedics and 911 dispatchers), 25 of 26, P 0.96. Then fixed
    "text181": (30, 26, 26, 0.95),
    # a hundred-and-eighty-second (pastors, church staff and nonprofit workers), 24 of 26, P 0.86.
    # Then fixed; left: a mono consumer swearing (zz19), a warrant threat also read as legal
    # action ("explaining it to a judge from the inside", zz22)
    "text182": (30, 26, 26, 0.9),
    # a third round the same session, first sight at f94827f: a hundred-and-eighty-third author
    # (child-care workers, preschool teachers, nannies and home daycare providers), 25 of 26, P 1.00.
    # Then fixed
    "text183": (30, 26, 26, 0.95),
    # a hundred-and-eighty-fourth (tattoo artists, barbers, trainers and others who work by
    # appointment), 25 of 26, P 0.93. Then fixed; left: a mono consumer swearing (qb15)
    "text184": (30, 26, 26, 0.95),
    # a fourth round the same session, first sight at 42b503b: a hundred-and-eighty-fifth author
    # (restaurant cooks, servers, dishwashers and bartenders), 26 of 26, P 0.90. Then fixed; left: a
    # mono consumer swearing (qc06)
    "text185": (30, 26, 26, 0.95),
    # a hundred-and-eighty-sixth (security guards, parking attendants and other overnight workers),
    # 25 of 26, P 0.86. Then fixed; left: three follow-up calls whose consumer, greeted by name,
    # answered with no "yes" before the balance (qd12, qd26, qd28)
    "text186": (30, 26, 26, 0.85),
    # a fifth round the same session, first sight at 55f3baf: a hundred-and-eighty-seventh author
    # (home health aides and family caregivers), 24 of 26, P 0.96. Then fixed; left: a mono
    # consumer swearing (qe13)
    "text187": (30, 26, 26, 0.95),
    # a hundred-and-eighty-eighth (college and graduate students, young adults on a first job), 23
    # of 26, P 0.92. Then fixed; left: a mono consumer swearing (qf25)
    "text188": (30, 26, 26, 0.95),
    # a sixth round the same session, first sight at 0f00fa7: a hundred-and-eighty-ninth author
    # (service members, reservists and veterans), 22 of 26, P 0.79. Then fixed; left: a mono consumer
    # swearing (qg13), an agent's "legal department" claim the consumer asked about (qg16)
    "text189": (30, 26, 26, 0.9),
    # a hundred-and-ninetieth (farmworkers, ranch hands, dairy and orchard workers), 25 of 26, P 0.96.
    # Then fixed
    "text190": (30, 26, 26, 0.95),
    # 2026-12-07, first sight at cc41d6c: a hundred-and-ninety-first author (hospital nurses, CNAs
    # and respiratory therapists), 25 of 26, P 0.93. Then fixed; left: a mono consumer swearing (qi11)
    "text191": (30, 26, 26, 0.9),
    # a hundred-and-ninety-second (truck-stop, gas-station and convenience-store clerks), 23 of 26,
    # P 0.96. Then fixed
    "text192": (30, 26, 26, 0.95),
    # a second round the same session, also first seen at cc41d6c: a hundred-and-ninety-third
    # author (casino dealers, pit bosses and housekeepers), 24 of 26, P 1.00. Then fixed
    "text193": (30, 26, 26, 0.95),
    # a hundred-and-ninety-fourth (librarians, museum guards and school custodians), 24 of 26, P
    # 1.00. Then fixed
    "text194": (30, 26, 26, 0.95),
    # a third round the same session, first sight at 2879a18: a hundred-and-ninety-fifth author
    # (paralegals, court clerks and law-firm receptionists), 25 of 26, P 0.93. Then fixed
    "text195": (30, 26, 26, 0.95),
    # a hundred-and-ninety-sixth (veterinary technicians, groomers and animal-shelter staff), 25 of
    # 26, P 0.96. Then fixed
    "text196": (30, 26, 26, 0.95),
    # a fourth round, also first seen at 2879a18: a hundred-and-ninety-seventh author (bank tellers,
    # loan officers and credit-union staff), 25 of 26, P 0.93. Then fixed
    "text197": (30, 26, 26, 0.95),
    # a hundred-and-ninety-eighth (call-center agents, some of them collectors), 24 of 26, P 0.89.
    # Then fixed
    "text198": (30, 26, 26, 0.95),
    # a fifth round, first sight at 012df31: a hundred-and-ninety-ninth author (pharmacists,
    # pharmacy technicians and drugstore cashiers), 26 of 26, P 0.96 (left: a mono consumer
    # swearing, qq02)
    "text199": (30, 26, 26, 0.95),
    # the two hundredth (lifeguards, camp counselors, lift operators and seasonal park staff), 24 of
    # 26, P 0.92. Then fixed
    "text200": (30, 26, 26, 0.95),
    # a sixth round, first sight at 18f3f13: a two-hundred-and-first author (solar, HVAC and cable
    # installers), 26 of 26, P 0.87. Then fixed
    "text201": (30, 26, 26, 0.95),
    # a two-hundred-and-second (mail carriers, postal clerks and package sorters), 23 of 26, P 0.96.
    # Then fixed; left: a mono consumer swearing (qt16)
    "text202": (30, 26, 26, 0.95),
    # a seventh round, first sight at faaff08: a two-hundred-and-third author (auto mechanics, tire-shop
    # and car-wash workers), 25 of 26, P 0.86. Then fixed; left: a mono consumer swearing (qu18)
    "text203": (30, 26, 26, 0.95),
    # a two-hundred-and-fourth (dental hygienists, assistants and front-desk staff), 25 of 26, P 0.93.
    # Then fixed
    "text204": (30, 26, 26, 0.95),
    # an eighth round, first sight at e7df03b: a two-hundred-and-fifth author (poultry-plant and
    # meatpacking line workers), 26 of 26, P 0.93. Then fixed; left: a mono consumer swearing (qw09)
    "text205": (30, 26, 26, 0.95),
    # a two-hundred-and-sixth (substitute teachers, school-bus drivers and cafeteria workers), 24 of
    # 26, P 0.96. Then fixed
    "text206": (30, 26, 26, 0.95),
    # a ninth round, first sight at 39f22ea: a two-hundred-and-seventh author (roofers, landscapers
    # and tree crews), 25 of 26, P 0.89. Then fixed; left: a mono consumer swearing (qy16)
    "text207": (30, 26, 26, 0.95),
    # a two-hundred-and-eighth (gym trainers, yoga instructors and front-desk staff), 26 of 26, P
    # 0.90. Then fixed; left: a mono consumer's hearsay that collectors "can drag you to court" (qz20)
    "text208": (30, 26, 26, 0.95),
    # the next session, first sight at f36b650: a two-hundred-and-ninth author (airport baggage
    # handlers, gate agents, fuelers and cleaners), 24 of 26, P 0.89. Then fixed; left: a mono
    # consumer swearing (ra06). "Yeah, this is Luis's phone", his brother, read as the consumer's
    # confirmation (ra19, mono), was found in the next session by his reply ("I'm not Luis, I'm his
    # brother Danny")
    "text209": (30, 26, 26, 0.9),
    # a two-hundred-and-tenth (home health aides and group-home staff), 23 of 25, P 0.92. Then
    # fixed; left: a mono consumer swearing (rb25)
    "text210": (30, 25, 25, 0.95),
    # a second round, first sight at 72abccd: a two-hundred-and-eleventh author (movie theater,
    # bowling alley and amusement park staff), 25 of 26, P 0.96. Then fixed; left: a mono consumer
    # swearing (rc06)
    "text211": (30, 26, 26, 0.95),
    # a two-hundred-and-twelfth (sanitation workers and city street crews), 24 of 26, P 0.92. Then fixed
    "text212": (30, 26, 26, 1.0),
    # a third round, first sight at 8f75a60: a two-hundred-and-thirteenth author (ski resort lift
    # operators and snowplow drivers), 25 of 26, P 0.93. Then fixed; left: a mono consumer swearing (re10)
    "text213": (30, 26, 26, 0.95),
    # a two-hundred-and-fourteenth (tax preparers and bookkeepers), 24 of 26, P 0.92. Then fixed
    "text214": (30, 26, 26, 1.0),
    # a fourth round, first sight at 8c12186: a two-hundred-and-fifteenth author (wedding, event and
    # catering staff), 24 of 26, P 0.96. Then fixed; since the thirty-third session left: rg29, mono, whose
    # only "it's me" had been the agent's "it's Kristen Vogel with Heartland Credit Management" (as un29)
    "text215": (30, 26, 26, 0.95),
    # a two-hundred-and-sixteenth (bus drivers, subway operators and transit workers), 24 of 26, P
    # 0.92. Then fixed; left: a mono consumer swearing (rh07)
    "text216": (30, 26, 26, 0.95),
    # a fifth round, first sight at a612a32: a two-hundred-and-seventeenth author (commercial
    # fishermen, dockworkers and cannery workers), 26 of 26, P 0.90. Then fixed; left: a mono
    # consumer swearing (ri21)
    "text217": (30, 26, 26, 0.9),
    # a two-hundred-and-eighteenth (funeral-home staff, cemetery groundskeepers and florists), 26 of
    # 26, P 0.93. Then fixed; left: "A law office? ... A lawyer is handling this now?", the consumer
    # asking about the agent's own law office (rj24)
    "text218": (30, 26, 26, 0.95),
    # a sixth round, first sight at 3e95529: a two-hundred-and-nineteenth author (oil-field
    # roughnecks, pipeline welders and refinery operators), 26 of 26, P 1.00
    "text219": (30, 26, 26, 1.0),
    # a two-hundred-and-twentieth (hair stylists, nail technicians and spa receptionists), 24 of 26,
    # P 0.86. Then fixed; left: "Thank you for calling Willow Creek Spa, oh, sorry, habit. Yes, this is
    # Paige", her "yes" too far into her turn to confirm (rl13), and a mono consumer's "I want to see
    # the paperwork" with no validation offered heard (rl04, needs_listen)
    "text220": (30, 26, 26, 0.9),
    # a seventh round, first sight at 901215a: a two-hundred-and-twenty-first author (zookeepers,
    # aquarium staff and park rangers), 24 of 26, P 0.96. Then fixed; left: a mono consumer's "Do I
    # need to get a lawyer or call the cops or something?" (rm18, needs_listen)
    "text221": (30, 26, 26, 0.95),
    # a two-hundred-and-twenty-second (warehouse pickers, forklift drivers and truck-stop cashiers),
    # 24 of 26, P 0.92. Then fixed
    "text222": (30, 26, 26, 0.95),
    # an eighth round, first sight at 899dcac: a two-hundred-and-twenty-third author (dry cleaners,
    # laundromat workers and tailors), 25 of 26, P 0.86. Then fixed; left: mono consumers swearing
    # (ro03, ro22)
    "text223": (30, 26, 26, 0.9),
    # a two-hundred-and-twenty-fourth (movers, furniture-delivery crews and storage-unit managers),
    # 26 of 26, P 0.93. Then fixed
    "text224": (30, 26, 26, 1.0),
    # a ninth round, first sight at bf149a7: a two-hundred-and-twenty-fifth author (utility linemen,
    # tree trimmers and meter readers), 26 of 27, P 0.96. Then fixed
    "text225": (30, 27, 27, 1.0),
    # a two-hundred-and-twenty-sixth (bakery workers, cake decorators and donut-shop staff), 25 of 26,
    # P 0.89. Then fixed; left: a mono consumer swearing (rr10)
    "text226": (30, 26, 26, 0.95),
    # a tenth round, first sight at d083c76: a two-hundred-and-twenty-seventh author (golf-course
    # groundskeepers, caddies and country-club kitchen staff), 25 of 26, P 0.96. Then fixed; left: a
    # mono consumer swearing (rs09)
    "text227": (30, 26, 26, 0.95),
    # a two-hundred-and-twenty-eighth (newspaper carriers, print-shop workers and sign makers), 24 of
    # 26, P 0.96. Then fixed; left: a mono consumer's "you've got me down as some kind of deadbeat"
    # (rt18, needs_listen)
    "text228": (30, 26, 26, 0.95),
    # an eleventh round (thirty-second session), first sight at ae47d7b: a two-hundred-and-twenty-ninth
    # author (grocery cashiers, stockers, deli and produce workers), 26 of 27, P 0.96. Then fixed
    "text229": (30, 27, 27, 1.0),
    # a two-hundred-and-thirtieth (factory line workers, machine operators and plant mechanics), 25 of
    # 26, P 0.96. Then fixed
    "text230": (30, 26, 26, 1.0),
    # a twelfth round, first sight at 37b2d3c: a two-hundred-and-thirty-first author (car-dealership
    # salespeople, service advisors, detailers and lot porters), 25 of 26, P 0.93. Then fixed; left:
    # a mono consumer swearing (rw13)
    "text231": (30, 26, 26, 0.95),
    # a two-hundred-and-thirty-second (musicians, stagehands, sound technicians and venue bar staff),
    # 25 of 26, P 0.96. Then fixed; left: a mono consumer swearing (rx04)
    "text232": (30, 26, 26, 0.95),
    # a thirteenth round, first sight at d875d2e: a two-hundred-and-thirty-third author (ferry deckhands,
    # marina workers, boat mechanics and charter crews), 24 of 26, P 0.92. Then fixed; left: a fuel
    # dock's "this is Kayla" said as the phone was answered, before the agent asked for anyone (ry02),
    # and a mono consumer swearing (ry25)
    "text233": (30, 26, 26, 0.9),
    # a two-hundred-and-thirty-fourth (apartment maintenance technicians, leasing agents and property
    # managers), 24 of 26, P 0.96. Then fixed; left: "This is Crystal. I'm the leasing agent at Elm
    # Street Flats", her own job read as someone else answering (rz28)
    "text234": (30, 26, 26, 0.95),
    # a fourteenth round, first sight at 78722d9: a two-hundred-and-thirty-fifth author (cable
    # installers, tower climbers and telecom technicians), 26 of 26, P 0.96. Then fixed
    "text235": (30, 26, 26, 1.0),
    # a two-hundred-and-thirty-sixth (pest-control technicians, pool cleaners and house cleaners), 25 of
    # 26, P 0.93. Then fixed; left: a mono consumer swearing (sb08)
    "text236": (30, 26, 26, 0.95),
    # a fifteenth round (thirty-third session), first sight at 4d6a725: a two-hundred-and-thirty-seventh
    # author (hotel front-desk clerks, bellhops, valets and night auditors), 25 of 25, P 0.93; left: a
    # mono consumer swearing (sc11)
    "text237": (30, 25, 25, 0.95),
    # a two-hundred-and-thirty-eighth (construction laborers, crane operators, concrete finishers and
    # ironworkers), 23 of 26, P 0.92. Then fixed; left: a mono consumer swearing (sd25)
    "text238": (30, 26, 26, 0.95),
    # a sixteenth round, first sight at 4d6a725: a two-hundred-and-thirty-ninth author (railroad
    # conductors, track workers and freight-yard crews), 24 of 26, P 0.92. Then fixed; left: "Yeah,
    # Curtis" said as the phone was answered, before the agent asked for anyone (se05)
    "text239": (30, 26, 26, 0.95),
    # a two-hundred-and-fortieth (insurance agents, claims adjusters and real-estate office
    # assistants), 24 of 26, P 0.86. Then fixed; left: a mono consumer swearing (sf11) and "Cody Marsh
    # speaking" said as the phone was answered (sf19)
    "text240": (30, 26, 26, 0.9),
    # a seventeenth round, first sight at 700f7c5: a two-hundred-and-forty-first author (court reporters,
    # process servers and bail-bond office staff), 25 of 27, P 0.83. Then fixed; left: two mono consumers
    # swearing (sg03, sg18)
    "text241": (30, 27, 27, 0.9),
    # a two-hundred-and-forty-second (fast-food crew members, shift managers and drive-thru workers), 24
    # of 26, P 0.92. Then fixed; left: a mono consumer swearing (sh11)
    "text242": (30, 26, 26, 0.95),
    # an eighteenth round, first sight at 700f7c5: a two-hundred-and-forty-third author (long-haul truck
    # drivers, dispatchers and diesel mechanics), 26 of 26, P 0.87. Then fixed; left: a mono consumer
    # swearing (si12) and "So you're not gonna keep calling me about it while I'm at work?" (si16)
    "text243": (30, 26, 26, 0.9),
    # a two-hundred-and-forty-fourth (clothing-store associates, mall kiosk workers and department-store
    # cashiers), 25 of 26, P 0.93. Then fixed
    "text244": (30, 26, 26, 1.0),
    # a nineteenth round, first sight at d23d2f6: a two-hundred-and-forty-fifth author (hospital janitors,
    # laundry and kitchen staff, patient transporters), 25 of 26, P 0.89; left: "yeah this is Gloria"
    # answering "I'm trying to reach Gloria, is that you?", the coworker Gloria Park saying so two turns
    # after the balance (sk01)
    "text245": (30, 26, 25, 0.95),
    # a two-hundred-and-forty-sixth (appraisers, home inspectors and surveyors), 23 of 26, P 0.88. Then
    # fixed; left: mono doubts (sl05, sl29)
    "text246": (30, 26, 26, 0.9),
    # a twentieth round, first sight at d23d2f6: a two-hundred-and-forty-seventh author (HVAC and
    # appliance repair techs, locksmiths), 26 of 26, P 0.90; left: a mono consumer's "I already have an
    # attorney on that whole repo thing" (sm18) and "the judge" said with a threat of arrest (sm23)
    "text247": (30, 26, 26, 0.9),
    # a two-hundred-and-forty-eighth (nursing-home aides, med techs and activity directors), 23 of 25,
    # P 1.00. Then fixed
    "text248": (30, 25, 25, 1.0),
    # a twenty-first round, first sight at 59c5998: a two-hundred-and-forty-ninth author (pawnshop,
    # thrift-store and jewelry-store staff), 25 of 26, P 0.89. Then fixed; left: a mono consumer's
    # swearing (so14)
    "text249": (30, 26, 26, 0.95),
    # a two-hundred-and-fiftieth (hardware-store, lumber-yard and garden-center staff), 27 of 27, P 0.93.
    # Then fixed
    "text250": (30, 27, 27, 0.95),
    # a twenty-second round, first sight at 59c5998: a two-hundred-and-fifty-first author (flight
    # attendants, reservation agents, cruise-ship crew), 24 of 26, P 0.89. Then fixed
    "text251": (30, 26, 26, 0.95),
    # a two-hundred-and-fifty-second (IT help-desk staff, data-entry clerks, people working from home),
    # 24 of 26, P 0.92. Then fixed
    "text252": (30, 26, 26, 0.95),
    # a twenty-third round, first sight at d59af9d: a two-hundred-and-fifty-third author (opticians and
    # optical-lab technicians), 24 of 26, P 0.89. Then fixed; left: ss25's debt-collector disclosure,
    # labelled in a call where only the consumer's supervisor was reached, to whom 15 USC 1692b owes no
    # such disclosure (the rule's `unless`)
    "text253": (30, 26, 25, 0.95),
    # a two-hundred-and-fifty-fourth (water-treatment operators, well drillers, irrigation techs), 25 of
    # 26, P 0.89. Then fixed
    "text254": (30, 26, 26, 0.95),
    # a twenty-fourth round, first sight at d59af9d: a two-hundred-and-fifty-fifth author (freelance
    # photographers, videographers, designers), 25 of 27, P 0.93. Then fixed
    "text255": (30, 27, 27, 0.95),
    # a two-hundred-and-fifty-sixth (medical interpreters, translators, community health workers), 26 of
    # 26, P 0.93. Then fixed
    "text256": (30, 26, 26, 0.95),
    # a twenty-fifth round, first sight at 9b39ebf: a two-hundred-and-fifty-seventh author (correctional
    # officers, jail kitchen staff, bailiffs: "jail" said of their work), 23 of 25, P 0.85. Then fixed
    "text257": (30, 25, 25, 0.95),
    # a two-hundred-and-fifty-eighth (tow-truck drivers, repossession agents, auto-auction staff: "repo"
    # said of their work), 26 of 26, P 0.84. Then fixed; left: "a judge signs a bench warrant" read as
    # legal action too, labelled an arrest threat only (sx18)
    "text258": (30, 26, 26, 0.9),
    # a twenty-sixth round, first sight at 9b39ebf: a two-hundred-and-fifty-ninth author (food-truck
    # owners, street vendors, market sellers), 25 of 26, P 0.93. Then fixed
    "text259": (30, 26, 26, 0.95),
    # a two-hundred-and-sixtieth (youth sports coaches, referees, recreation-center staff), 23 of 25, P
    # 0.92. Then fixed
    "text260": (30, 25, 25, 0.95),
    # a twenty-seventh round, first sight at 31ab8ea: a two-hundred-and-sixty-first author (private
    # investigators, store loss-prevention officers, mall security guards: police words said of their
    # own work), 24 of 26, P 0.92. Then fixed; left: a mono consumer's swearing and her "You're not gonna
    # try to sell me some payment plan?" (pa10)
    "text261": (30, 26, 26, 0.9),
    # a two-hundred-and-sixty-second (collectors and credit clerks who are behind on a debt themselves),
    # 24 of 26, P 0.96. Then fixed
    "text262": (30, 26, 26, 0.95),
    # a twenty-eighth round, first sight at 31ab8ea: a two-hundred-and-sixty-third author (nightclub
    # bartenders, bouncers, DJs), 26 of 26, P 0.96; left: a mono consumer's swearing (pc11)
    "text263": (30, 26, 26, 0.95),
    # a two-hundred-and-sixty-fourth (retirees on Social Security or a pension, greeters, crossing
    # guards), 26 of 26, P 0.96; left: a mono consumer's swearing (pd14)
    "text264": (30, 26, 26, 0.95),
    # a twenty-ninth round, first sight at 31ab8ea: a two-hundred-and-sixty-fifth author (immigrant
    # housekeepers, cooks, farm and factory hands, relatives helping with the English), 26 of 26, P 0.90.
    # Then fixed; left: a mono consumer's swearing (pe02)
    "text265": (30, 26, 26, 0.95),
    # a two-hundred-and-sixty-sixth (corner-store, laundromat, food-cart and auto-shop owners), 24 of 26,
    # P 0.96. Then fixed; left: a mono consumer's swearing (pf13)
    "text266": (30, 26, 26, 0.95),
    # a thirtieth round, first sight at 31ab8ea: a two-hundred-and-sixty-seventh author (hospice nurses,
    # chaplains, families of the deceased), 24 of 26, P 0.96. Then fixed; left: a mono consumer's
    # swearing (pg15)
    "text267": (30, 26, 26, 0.95),
    # a two-hundred-and-sixty-eighth (rideshare drivers, couriers, dog walkers, app task workers), 23 of
    # 26, P 0.88. Then fixed; left: a mono consumer's swearing (ph14)
    "text268": (30, 26, 26, 0.95),
    # a thirty-first round, first sight at 1247ba2: a two-hundred-and-sixty-ninth author (police officers,
    # deputies, 911 dispatchers behind on a debt), 25 of 26, P 0.93. Then fixed; left: a mono consumer's
    # swearing and "you people" (pi17)
    "text269": (30, 26, 26, 0.9),
    # a two-hundred-and-seventieth (disabled consumers and their caregivers), 24 of 26, P 0.92. Then fixed;
    # left: a mono caregiver's swearing (pj09)
    "text270": (30, 26, 26, 0.95),
    # a thirty-second round, first sight at 1247ba2: a two-hundred-and-seventy-first author (military
    # spouses and families), 24 of 26, P 0.96. Then fixed; left: a mono "do not call my work line" (pk26)
    "text271": (30, 26, 26, 0.95),
    # a two-hundred-and-seventy-second (ranch families, small-town shopkeepers, shared phones), 26 of 26,
    # P 1.00
    "text272": (30, 26, 26, 0.95),
    # a thirty-third round, first sight at 2f84a09: a two-hundred-and-seventy-third author (teachers'
    # aides, school nurses, school secretaries), 24 of 26, P 0.89. Then fixed; left: a mono consumer's
    # swearing (pm16), a mono "don't call me at school" (pm30), a mono third-party doubt (pm23)
    "text273": (30, 26, 26, 0.85),
    # a two-hundred-and-seventy-fourth (long-haul couples, RV full-timers), 26 of 26, P 0.93; left: a mono
    # consumer's swearing (pn16), a mono third-party doubt (pn19)
    "text274": (30, 26, 26, 0.9),
    # a thirty-fourth round, first sight at 2f84a09: a two-hundred-and-seventy-fifth author (bilingual
    # households, restaurant workers), 24 of 26, P 0.86. Then fixed; left: a mono "you guys will stop
    # calling my mom's house?" (po15)
    "text275": (30, 26, 26, 0.9),
    # a two-hundred-and-seventy-sixth (young adults with a first card or a co-signed loan, parents
    # answering), 25 of 26, P 0.86. Then fixed; left: a mono consumer's swearing (pp16), and the balance
    # of her mother's card told to an authorized user, labelled a dispute only (pp30)
    "text276": (30, 26, 26, 0.9),
    # a thirty-sixth round, first sight at 84c79c5: a two-hundred-and-seventy-seventh author (divorced and
    # separating couples, ex-spouses answering), 26 of 26, P 0.90; left: mono swearing (pq08), a mono
    # third-party doubt (pq03), a mono "the judge splits whatever's left" (pq21)
    "text277": (30, 26, 26, 0.85),
    # a two-hundred-and-seventy-eighth (airport ground crews, screeners), 26 of 26, P 0.96
    "text278": (30, 26, 26, 0.95),
    # a two-hundred-and-seventy-ninth (funeral home staff, florists, cemetery workers), 26 of 26, P 0.96
    "text279": (30, 26, 26, 0.95),
    # a two-hundred-and-eightieth (paralegals, legal secretaries, court reporters, process servers), 25 of
    # 26, P 0.83: "I'm one of the staff attorneys here" (pt09). Then fixed
    "text280": (30, 26, 26, 0.9),
    # a two-hundred-and-eighty-first (pool cleaners, landscapers, snow-plow operators), 24 of 26, P 1.00:
    # "the sheriff's office ends up involved ... a deputy pulling up" (pu06), "the compliance office working
    # with the Clark County court" (pu27). Then fixed
    "text281": (30, 26, 26, 0.95),
    # a two-hundred-and-eighty-second (flea-market vendors, pawn clerks, resellers), 25 of 26, P 0.86:
    # "the next step isn't a letter. It's deputies" (pv24). Then fixed
    "text282": (30, 26, 26, 0.85),
    # a thirty-seventh round, first sight at 84c79c5: a two-hundred-and-eighty-third author (truck
    # mechanics, tire shops, tow operators), 26 of 26, P 0.87
    "text283": (30, 26, 26, 0.85),
    # a two-hundred-and-eighty-fourth (church musicians, wedding photographers, event planners), 26 of 26,
    # P 0.90
    "text284": (30, 26, 26, 0.85),
    # a two-hundred-and-eighty-fifth (correctional officers, jail nurses, bail bond agents), 24 of 26, P
    # 0.75: a sergeant on a jail's housing line told of a debt (py26), "sitting in a cell" (py27); a jail
    # as the consumer's workplace read as threats. Then fixed; left: mono mentions of jail
    "text285": (30, 26, 26, 0.85),
    # a two-hundred-and-eighty-sixth (new immigrants, teenage children helping on the phone), 25 of 26, P
    # 0.96: "You people come over here ... play dumb like you don't understand" (pz20). Then fixed
    "text286": (30, 26, 26, 0.95),
    # a two-hundred-and-eighty-seventh (gym trainers, yoga teachers, spa workers), 24 of 26, P 1.00: "I
    # really don't think you want deputies walking into your studio" (ob15), "meathead" (ob21). Then fixed
    "text287": (30, 26, 26, 0.95),
    # a two-hundred-and-eighty-eighth (veterinary techs, groomers, kennel workers), 25 of 26, P 0.93: "Nine
    # twenty is wrong" (oc22). Then fixed
    "text288": (30, 26, 26, 0.9),
    # a thirty-eighth round, first sight at c0a1bda: a two-hundred-and-eighty-ninth author (carnival ride
    # operators, midway workers, fair crews), 26 of 26, P 0.90
    "text289": (30, 26, 26, 0.95),
    # a two-hundred-and-ninetieth (consumers who work in collections, call centers, bank fraud), 26 of 26,
    # P 0.93
    "text290": (30, 26, 26, 0.95),
    # a two-hundred-and-ninety-first (beekeepers, farmers-market vendors, orchard growers), 22 of 26, P 0.96:
    # "explaining yourself to the police", "maybe you shouldn't be in the bee business" (of15), "we freeze
    # your business checking" (of17), "I work as a paralegal with the attorneys' office" (of18). Then fixed
    "text291": (30, 26, 26, 0.95),
    # a two-hundred-and-ninety-second (EMTs, paramedics, 911 dispatchers), 26 of 26, P 0.81; left: follow-up
    # calls that state the balance before verifying anyone, a mono consumer's swearing
    "text292": (30, 26, 26, 0.8),
    # a two-hundred-and-ninety-third (locksmiths, alarm installers, security patrol), 23 of 26, P 0.92:
    # "This is Nightline Patrol dispatch, I'm Paulette" (oh03), "we'll be levying your bank account"
    # (oh21), "someone will be following up with you" after a stop (oh24). Then fixed
    "text293": (30, 26, 26, 0.95),
    # a two-hundred-and-ninety-fourth (college students, resident assistants, co-signing parents), 26 of
    # 26, P 1.00
    "text294": (30, 26, 26, 0.95),
    # a two-hundred-and-ninety-fifth (piano tuners, luthiers, repair techs), 25 of 26, P 0.93: "You
    # clearly can't keep track of your own money" (oj18). Then fixed
    "text295": (30, 26, 26, 0.95),
    # a two-hundred-and-ninety-sixth (notaries, signing agents, title clerks), 24 of 26, P 1.00: "the
    # compliance unit we run for the Secretary of State's notary division" (ok10), "surprised they let you
    # anywhere near a closing file" (ok13). Then fixed
    "text296": (30, 26, 26, 0.95),
    # a two-hundred-and-ninety-seventh (school bus drivers, transit mechanics, dispatchers), 26 of 26, P 0.93
    "text297": (30, 26, 26, 0.95),
    # a two-hundred-and-ninety-eighth (hospital chaplains, hospice social workers, grief counselors), 24 of
    # 26, P 0.89: "picked up by the police for less" (om24), "you can't handle a four hundred dollar bill"
    # (om25). Then fixed
    "text298": (30, 26, 26, 0.95),
    # a two-hundred-and-ninety-ninth (streamers, esports players, gaming-cafe staff), 26 of 26, P 0.90
    "text299": (30, 26, 26, 0.95),
    # a three-hundredth (roofers, gutter crews, storm chasers), 23 of 26, P 0.92: a stop answered "can we at
    # least get two hundred on the card today?" (oo09), "you still can't figure out a calendar" (oo15),
    # "This is Jace, I work with Manny" (oo24). Then fixed
    "text300": (30, 26, 26, 0.95),
    # a thirty-ninth round, first sight at c8bb484: a three-hundred-and-second author (home daycare
    # providers, nannies, au pairs), 26 of 26, P 0.93
    "text302": (30, 26, 26, 0.95),
    # a three-hundred-and-third (taxidermists, hunting guides, bait-shop owners), 25 of 26, P 0.96: "we'll
    # go after those feed store paychecks and freeze the shop's checking account" (or10). Then fixed
    "text303": (30, 26, 26, 0.95),
    # a three-hundred-and-fourth (tattoo artists, body piercers, barbershop chair renters), delivered after
    # the session's last fixes: 25 of 26 at d85ebba, P 1.00, held out (os22, a lawyer brushed off, mono)
    "text304": (30, 26, 25, 0.95),
    # a three-hundred-and-first (elevator mechanics, building superintendents, maintenance crews), delivered
    # last: 25 of 26 at d85ebba, P 0.89, held out (op08, a "court desk" claim)
    "text301": (30, 26, 25, 0.85),
}


@pytest.fixture(scope="module")
def us_collections():
    """Loaded once for the module: a load compiles every phrase (seconds), an evaluation reads only."""
    return load_packs("us_collections")


@pytest.mark.parametrize("corpus", TEXT_SETS)
def test_text_sets_keep_every_caught_violation(corpus, us_collections):
    calls, violations, caught, precision = TEXT_SETS[corpus]
    report = evaluate(ROOT / "eval" / corpus, us_collections)

    assert report.errors == [] and report.calls == calls
    total = report.total
    assert total.tp + total.fn == violations
    assert total.tp >= caught, {r.rule_id: r.missed for r in report.rules if r.missed}
    assert total.precision >= precision, {r.rule_id: r.false_alarms for r in report.rules if r.false_alarms}


def test_every_text_set_on_disk_has_a_floor():
    on_disk = {path.parent.name for path in (ROOT / "eval").glob("text*/scripts")}
    assert on_disk == set(TEXT_SETS)
