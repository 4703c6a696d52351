"""Sentences with their parse written out, for the quote rule tests (no model needed).

Each parse was written from the pinned model's output and checked by eye; a test that depends on a
point of the parse says which. Rows: ``word lemma POS dep head [morph]`` (see :mod:`tests.handbuilt`).
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc

from .handbuilt import parsed


class Parse(NamedTuple):
    text: str
    rows: str

    def doc(self) -> Doc:
        return parsed(self.text, self.rows)


QUE_AT_DISTANCE = Parse(
    "M. Stoltenberg a déclaré aux journalistes à Bruxelles que l'Alliance restait unie.",
    """
    M. m. NOUN nsubj 4 Gender=Masc|Number=Sing
    Stoltenberg Stoltenberg PROPN flat:name 1
    a avoir AUX aux:tense 4 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    déclaré déclarer VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    aux à ADP case 6 Definite=Def|Number=Plur|PronType=Art
    journalistes journaliste NOUN obl:arg 4 Gender=Masc|Number=Plur
    à à ADP case 8
    Bruxelles Bruxelles PROPN obl:arg 4 Gender=Masc|Number=Sing
    que que SCONJ mark 12
    l' le DET det 11 Definite=Def|Number=Sing|PronType=Art
    Alliance Alliance PROPN nsubj 12 Number=Sing
    restait rester AUX ccomp 4 Mood=Ind|Number=Sing|Person=3|Tense=Imp|VerbForm=Fin
    unie uni ADJ xcomp 12 Gender=Fem|Number=Sing
    . . PUNCT punct 4
    """,
)
POUR_QUE = Parse(
    "Il a rappelé le soutien des Alliés pour que la paix revienne.",
    """
    Il il PRON nsubj 3 Gender=Masc|Number=Sing|Person=3
    a avoir AUX aux:tense 3 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    rappelé rappeler VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    le le DET det 5 Definite=Def|Gender=Masc|Number=Sing|PronType=Art
    soutien soutien NOUN obj 3 Gender=Masc|Number=Sing
    des de ADP case 7 Definite=Def|Number=Plur|PronType=Art
    Alliés allié NOUN nmod 5 Number=Plur
    pour pour ADP mark 12
    que que SCONJ mark 12
    la le DET det 11 Definite=Def|Gender=Fem|Number=Sing|PronType=Art
    paix paix NOUN nsubj 12 Gender=Fem|Number=Sing
    revienne revenir VERB advcl 3 Mood=Sub|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    . . PUNCT punct 3
    """,
)
NEGATED = Parse(
    "Il n'a pas dit que la guerre était finie.",
    """
    Il il PRON expl:subj 5 Gender=Masc|Number=Sing|Person=3
    n' ne ADV advmod 5 Polarity=Neg
    a avoir AUX aux:tense 5 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    pas pas ADV advmod 5 Polarity=Neg
    dit dire VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    que que SCONJ mark 10
    la le DET det 8 Definite=Def|Gender=Fem|Number=Sing|PronType=Art
    guerre guerre NOUN nsubj 10 Gender=Fem|Number=Sing
    était être AUX aux:pass 10 Mood=Ind|Number=Sing|Person=3|Tense=Imp|VerbForm=Fin
    finie finir VERB ccomp 5 Gender=Fem|Number=Sing|Tense=Past|VerbForm=Part|Voice=Pass
    . . PUNCT punct 5
    """,
)
IL_FAUT = Parse(
    "Il faut rappeler que l'OTAN est une alliance défensive.",
    """
    Il il PRON expl:subj 2 Gender=Masc|Number=Sing|Person=3
    faut falloir VERB ROOT 0 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    rappeler rappeler VERB xcomp 2 VerbForm=Inf
    que que SCONJ mark 9
    l' le DET det 6 Definite=Def|Number=Sing|PronType=Art
    OTAN OTAN PROPN nsubj 9 Gender=Fem|Number=Sing
    est être AUX cop 9 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    une un DET det 9 Definite=Ind|Gender=Fem|Number=Sing|PronType=Art
    alliance alliance NOUN ccomp 3 Gender=Fem|Number=Sing
    défensive défensif ADJ amod 9 Gender=Fem|Number=Sing
    . . PUNCT punct 2
    """,
)
INFINITIVE = Parse(
    "Il a déclaré aux journalistes ne voir aucune contradiction.",
    """
    Il il PRON nsubj 3 Gender=Masc|Number=Sing|Person=3
    a avoir AUX aux:tense 3 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    déclaré déclarer VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    aux à ADP case 5 Definite=Def|Number=Plur|PronType=Art
    journalistes journaliste NOUN obl:arg 3 Number=Plur
    ne ne ADV advmod 7 Polarity=Neg
    voir voir VERB xcomp 3 VerbForm=Inf
    aucune aucun DET det 9 Gender=Fem|Number=Sing
    contradiction contradiction NOUN obj 7 Gender=Fem|Number=Sing
    . . PUNCT punct 3
    """,
)
MID_INCISE = Parse(
    "Les discussions, a-t-il expliqué, se sont concentrées sur l'Arctique.",
    """
    Les le DET det 2 Definite=Def|Number=Plur|PronType=Art
    discussions discussion NOUN nsubj 7 Gender=Fem|Number=Plur
    , , PUNCT punct 7
    a avoir AUX aux:tense 7 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    -t -t PRON expl:subj 7 Gender=Masc|Number=Sing|Person=3
    -il il PRON expl:subj 7 Gender=Masc|Number=Sing|Person=3
    expliqué expliquer VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    , , PUNCT punct 11
    se se PRON expl:comp 11 Person=3|Reflex=Yes
    sont être AUX aux:tense 11 Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin
    concentrées concentrer VERB advcl 7 Gender=Fem|Number=Plur|Tense=Past|VerbForm=Part
    sur sur ADP case 14
    l' le DET det 14 Definite=Def|Number=Sing|PronType=Art
    Arctique Arctique PROPN obl:mod 11 Gender=Fem|Number=Sing
    . . PUNCT punct 7
    """,
)
REPORT_NOUN = Parse(
    "Les Alliés ont appuyé l'analyse des États-Unis selon laquelle la Russie viole le traité.",
    """
    Les le DET det 2 Definite=Def|Number=Plur|PronType=Art
    Alliés allié NOUN nsubj 4 Gender=Masc|Number=Plur
    ont avoir AUX aux:tense 4 Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin
    appuyé appuyer VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    l' le DET det 6 Definite=Def|Number=Sing|PronType=Art
    analyse analyse NOUN obj 4 Gender=Fem|Number=Sing
    des de ADP case 8 Definite=Def|Number=Plur|PronType=Art
    États-Unis États-Unis PROPN nmod 6
    selon selon ADP case 10
    laquelle lequel PRON obl:mod 12 Gender=Fem|Number=Sing|PronType=Rel
    la le DET det 12 Definite=Def|Gender=Fem|Number=Sing|PronType=Art
    Russie Russie PROPN acl:relcl 6 Gender=Fem|Number=Sing
    viole viole PROPN nmod 12
    le le DET det 15 Definite=Def|Gender=Masc|Number=Sing|PronType=Art
    traité traité NOUN nmod 12 Gender=Masc|Number=Sing
    . . PUNCT punct 4
    """,
)
PRINCIPLE = Parse(
    "Ils restent attachés au principe selon lequel une attaque contre un Allié est une attaque contre tous.",
    """
    Ils il PRON nsubj 2 Gender=Masc|Number=Plur|Person=3
    restent rester VERB nsubj 15 Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin
    attachés attacher ADJ xcomp 2 Gender=Masc|Number=Plur
    au au ADP case 5 Definite=Def|Gender=Masc|Number=Sing|PronType=Art
    principe principe NOUN obl:arg 3 Gender=Masc|Number=Sing
    selon selon ADP case 7
    lequel lequel PRON nmod 9 Gender=Masc|Number=Sing|PronType=Rel
    une un DET det 9 Definite=Ind|Gender=Fem|Number=Sing|PronType=Art
    attaque attaque NOUN obl:mod 2 Gender=Fem|Number=Sing
    contre contre ADP case 12
    un un DET det 12 Definite=Ind|Gender=Masc|Number=Sing|PronType=Art
    Allié allié NOUN nmod 9 Gender=Masc|Number=Sing
    est être AUX cop 15 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    une un DET det 15 Definite=Ind|Gender=Fem|Number=Sing|PronType=Art
    attaque attaque NOUN ROOT 0 Gender=Fem|Number=Sing
    contre contre ADP case 17
    tous tout ADJ nmod 15 Gender=Masc|Number=Plur
    . . PUNCT punct 15
    """,
)
COLON = Parse(
    "Les ministres ont exprimé un point de vue convergent : toute atteinte aurait un coût massif.",
    """
    Les le DET det 2 Definite=Def|Number=Plur|PronType=Art
    ministres ministre NOUN nsubj 4 Gender=Masc|Number=Plur
    ont avoir AUX aux:tense 4 Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin
    exprimé exprimer VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    un un DET det 6 Definite=Ind|Gender=Masc|Number=Sing|PronType=Art
    point point NOUN obj 4 Gender=Masc|Number=Sing
    de de ADP case 8
    vue vue NOUN nmod 6 Gender=Fem|Number=Sing
    convergent convergent NOUN amod 6 Gender=Fem|Number=Sing
    : : PUNCT punct 4
    toute tout DET det 12 Definite=Ind|Gender=Fem|Number=Sing|PronType=Art
    atteinte atteinte NOUN nsubj 13 Gender=Fem|Number=Sing
    aurait avoir VERB advcl 4 Mood=Cnd|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    un un DET det 15 Definite=Ind|Gender=Masc|Number=Sing|PronType=Art
    coût coût NOUN obj 13 Gender=Masc|Number=Sing
    massif massif ADJ amod 15 Gender=Masc|Number=Sing
    . . PUNCT punct 4
    """,
)
ATTRIBUTE = Parse(
    "Le ministre s'est dit frappé par les témoignages des victimes.",
    """
    Le le DET det 2 Definite=Def|Gender=Masc|Number=Sing|PronType=Art
    ministre ministre NOUN nsubj 5 Gender=Masc|Number=Sing
    s' se PRON expl:comp 5 Person=3|Reflex=Yes
    est être AUX aux:tense 5 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    dit dire VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    frappé frapper VERB xcomp 5 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part|Voice=Pass
    par par ADP case 9
    les le DET det 9 Definite=Def|Number=Plur|PronType=Art
    témoignages témoignage NOUN obl:agent 6 Gender=Masc|Number=Plur
    des de ADP case 11 Definite=Def|Number=Plur|PronType=Art
    victimes victime NOUN nmod 9 Gender=Fem|Number=Plur
    . . PUNCT punct 5
    """,
)
SEMICOLON = Parse(
    "M. Stoltenberg a souligné que l'Alliance restait unie ; les ministres se réuniront demain.",
    """
    M. m. NOUN nsubj 4 Gender=Masc|Number=Sing
    Stoltenberg Stoltenberg PROPN flat:name 1
    a avoir AUX aux:tense 4 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    souligné souligner VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    que que SCONJ mark 8
    l' le DET det 7 Definite=Def|Number=Sing|PronType=Art
    Alliance Alliance PROPN nsubj 8 Number=Sing
    restait rester AUX ccomp 4 Mood=Ind|Number=Sing|Person=3|Tense=Imp|VerbForm=Fin
    unie uni ADJ xcomp 8 Gender=Fem|Number=Sing
    ; ; PUNCT punct 4
    les le DET det 12 Definite=Def|Number=Plur|PronType=Art
    ministres ministre NOUN nsubj 14 Gender=Masc|Number=Plur
    se se PRON expl:comp 14 Person=3|Reflex=Yes
    réuniront réunir VERB ccomp 4 Mood=Ind|Number=Plur|Person=3|Tense=Fut|VerbForm=Fin
    demain demain ADV advmod 14
    . . PUNCT punct 4
    """,
)
AND_DECIDED = Parse(
    "M. Stoltenberg a affirmé que l'Alliance restait unie et décidé que les ministres se réuniraient.",
    """
    M. m. NOUN nsubj 4 Gender=Masc|Number=Sing
    Stoltenberg Stoltenberg PROPN flat:name 1
    a avoir AUX aux:tense 4 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    affirmé affirmer VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    que que SCONJ mark 8
    l' le DET det 7 Definite=Def|Number=Sing|PronType=Art
    Alliance Alliance PROPN nsubj 8 Number=Sing
    restait rester AUX ccomp 4 Mood=Ind|Number=Sing|Person=3|Tense=Imp|VerbForm=Fin
    unie uni ADJ xcomp 8 Gender=Fem|Number=Sing
    et et CCONJ cc 11
    décidé décider VERB conj 9 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    que que SCONJ mark 16
    les le DET det 14 Definite=Def|Number=Plur|PronType=Art
    ministres ministre NOUN nsubj 16 Gender=Masc|Number=Plur
    se se PRON expl:comp 16 Person=3|Reflex=Yes
    réuniraient réunir VERB ccomp 11 Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin
    . . PUNCT punct 4
    """,
)
AND_CONTENT = Parse(
    "Il a dit que la Russie a violé le traité et a déployé des missiles.",
    """
    Il il PRON nsubj 3 Gender=Masc|Number=Sing|Person=3
    a avoir AUX aux:tense 3 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    dit dire VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    que que SCONJ mark 8
    la le DET det 6 Definite=Def|Gender=Fem|Number=Sing|PronType=Art
    Russie Russie PROPN nsubj 8 Gender=Fem|Number=Sing
    a avoir AUX aux:tense 8 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    violé violer VERB ccomp 3 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    le le DET det 10 Definite=Def|Gender=Masc|Number=Sing|PronType=Art
    traité traité NOUN obj 8 Gender=Masc|Number=Sing
    et et CCONJ cc 13
    a avoir AUX aux:tense 13 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    déployé déployer VERB conj 8 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    des un DET det 15 Definite=Ind|Number=Plur|PronType=Art
    missiles missile NOUN obj 13 Gender=Masc|Number=Plur
    . . PUNCT punct 3
    """,
)
WHOLLY_MARKED = Parse(
    "Il a déclaré que « l'OTAN est prête à agir ».",
    """
    Il il PRON nsubj 3 Gender=Masc|Number=Sing|Person=3
    a avoir AUX aux:tense 3 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    déclaré déclarer VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    que que SCONJ mark 9
    « « PUNCT punct 9
    l' le DET det 7 Definite=Def|Number=Sing|PronType=Art
    OTAN OTAN PROPN nsubj 9 Gender=Fem|Number=Sing
    est être AUX cop 9 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    prête prêt ADJ ccomp 3 Gender=Fem|Number=Sing
    à à ADP mark 11
    agir agir VERB xcomp 9 VerbForm=Inf
    » » PUNCT punct 9
    . . PUNCT punct 3
    """,
)
AND_QUE_MARKED = Parse(
    "Il a dit que la mission continuerait et que « rien ne changera ».",
    """
    Il il PRON nsubj 3 Gender=Masc|Number=Sing|Person=3
    a avoir AUX aux:tense 3 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    dit dire VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    que que SCONJ mark 7
    la le DET det 6 Definite=Def|Gender=Fem|Number=Sing|PronType=Art
    mission mission NOUN nsubj 7 Gender=Fem|Number=Sing
    continuerait continuer VERB ccomp 3 Mood=Cnd|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    et et CCONJ cc 13
    que que SCONJ mark 13
    « « PUNCT punct 13
    rien rien PRON nsubj 13 Number=Sing
    ne ne ADV advmod 13 Polarity=Neg
    changera changer VERB conj 7 Mood=Ind|Number=Sing|Person=3|Tense=Fut|VerbForm=Fin
    » » PUNCT punct 13
    . . PUNCT punct 3
    """,
)
PAST_THE_MARKS = Parse(
    "Il a ajouté que « nous renforcerons nos partenariats » dans un monde où tout est plus dangereux.",
    """
    Il il PRON nsubj 3 Gender=Masc|Number=Sing|Person=3
    a avoir AUX aux:tense 3 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    ajouté ajouter VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    que que SCONJ mark 7
    « « PUNCT punct 7
    nous nous PRON iobj 7 Number=Plur|Person=1
    renforcerons renforcer VERB ccomp 3 Mood=Ind|Number=Plur|Person=1|Tense=Fut|VerbForm=Fin
    nos notre DET det 9 Number=Plur|Poss=Yes
    partenariats partenariat NOUN obj 7 Gender=Masc|Number=Plur
    » » PUNCT punct 7
    dans dans ADP case 13
    un un DET det 13 Definite=Ind|Gender=Masc|Number=Sing|PronType=Art
    monde monde NOUN obl:mod 7 Gender=Masc|Number=Sing
    où où PRON iobj 18 PronType=Rel
    tout tout PRON nsubj 18 Gender=Masc|Number=Sing
    est être VERB cop 18 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    plus plus ADV advmod 18
    dangereux dangereux ADJ acl:relcl 13 Gender=Masc
    . . PUNCT punct 3
    """,
)
ONE_WORD_OUTSIDE = Parse(
    "« C'est notre priorité de faire avancer ce soutien » occidental « pour que l'Ukraine l'emporte », a"
    " déclaré M. Rutte.",
    """
    « « PUNCT punct 5
    C' ce PRON nsubj 5 Number=Sing|Person=3
    est être AUX cop 5 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    notre notre DET det 5 Number=Sing|Poss=Yes
    priorité priorité NOUN nsubj 23 Gender=Fem|Number=Sing
    de de ADP mark 8
    faire faire AUX dep 8 VerbForm=Inf
    avancer avancer VERB xcomp 5 VerbForm=Inf
    ce ce DET det 10 Gender=Masc|Number=Sing|PronType=Dem
    soutien soutien NOUN obj 8 Gender=Masc|Number=Sing
    » » PUNCT punct 8
    occidental occidental ADJ advmod 8 Gender=Masc|Number=Sing
    « « PUNCT punct 12
    pour pour ADP mark 19
    que que SCONJ mark 19
    l' le DET det 17 Definite=Def|Number=Sing|PronType=Art
    Ukraine Ukraine PROPN nsubj 19 Gender=Fem|Number=Sing
    l' le PRON obj 19 Number=Sing|Person=3
    emporte emporter VERB advcl 8 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    » » PUNCT punct 19
    , , PUNCT punct 23
    a avoir AUX aux:tense 23 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    déclaré déclarer VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    M. m. NOUN nsubj 23 Gender=Masc|Number=Sing
    Rutte Rutte PROPN flat:name 24
    . . PUNCT punct 23
    """,
)
INNER_INCISE = Parse(
    "« Tous les Alliés sont éprouvés, a-t-il souligné. Nous coordonnons nos ressources. »",
    """
    « « PUNCT punct 6
    Tous tout ADJ amod 4 Gender=Masc|Number=Plur
    les le DET det 4 Definite=Def|Number=Plur|PronType=Art
    Alliés allié NOUN nsubj:pass 6 Number=Plur
    sont être AUX aux:pass 6 Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin
    éprouvés éprouver VERB ROOT 0 Gender=Masc|Number=Plur|Tense=Past|VerbForm=Part|Voice=Pass
    , , PUNCT punct 11
    a avoir AUX aux:tense 11 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    -t -t PRON expl:subj 11 Gender=Masc|Number=Sing|Person=3
    -il il PRON nsubj:pass 11 Gender=Masc|Number=Sing|Person=3
    souligné souligner VERB conj 6 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    . . PUNCT punct 6
    Nous nous PRON nsubj 14 Number=Plur|Person=1
    coordonnons coordonner VERB ROOT 0 Mood=Ind|Number=Plur|Person=1|Tense=Fut|VerbForm=Fin
    nos notre DET det 16 Number=Plur|Poss=Yes
    ressources ressource NOUN obj 14 Gender=Fem|Number=Plur
    . . PUNCT punct 14
    » » PUNCT punct 14
    """,
)
SCARE = Parse(
    "Les ministres ont eu une « première discussion » sur les budgets.",
    """
    Les le DET det 2 Definite=Def|Number=Plur|PronType=Art
    ministres ministre NOUN nsubj 4 Gender=Masc|Number=Plur
    ont avoir AUX aux:tense 4 Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin
    eu avoir VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    une un DET det 8 Definite=Ind|Gender=Fem|Number=Sing|PronType=Art
    « « PUNCT punct 8
    première premier ADJ amod 8 Gender=Fem|NumType=Ord|Number=Sing
    discussion discussion NOUN obj 4 Gender=Fem|Number=Sing
    » » PUNCT punct 8
    sur sur ADP case 12
    les le DET det 12 Definite=Def|Number=Plur|PronType=Art
    budgets budget NOUN nmod 8 Gender=Masc|Number=Plur
    . . PUNCT punct 4
    """,
)
NOUN_CUE = Parse(
    "Il a critiqué les propos de M. Macron sur la « mort cérébrale » de l'Otan.",
    """
    Il il PRON nsubj 3 Gender=Masc|Number=Sing|Person=3
    a avoir AUX aux:tense 3 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    critiqué critiquer VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    les le DET det 5 Definite=Def|Number=Plur|PronType=Art
    propos propos NOUN obj 3 Gender=Masc|Number=Plur
    de de ADP case 7
    M. m. NOUN nmod 5 Gender=Masc|Number=Sing
    Macron macron ADV flat:name 7
    sur sur ADP case 12
    la le DET det 12 Definite=Def|Gender=Fem|Number=Sing|PronType=Art
    « « PUNCT punct 12
    mort mort NOUN nmod 5 Gender=Fem|Number=Sing
    cérébrale cérébral ADJ amod 12 Gender=Fem|Number=Sing
    » » PUNCT punct 12
    de de ADP case 17
    l' le DET det 17 Definite=Def|Number=Sing|PronType=Art
    Otan Otan PROPN nmod 12 Gender=Fem|Number=Sing
    . . PUNCT punct 3
    """,
)
NAME_IN_MARKS = Parse(
    "L'exercice « Steadfast Defender » a commencé hier.",
    """
    L' le DET det 2 Definite=Def|Number=Sing|PronType=Art
    exercice exercice NOUN nsubj 8 Gender=Masc|Number=Sing
    « « PUNCT punct 2
    Steadfast Steadfast PROPN acl 2
    Defender Defender PROPN nmod 2
    » » PUNCT punct 2
    a avoir AUX aux:tense 8 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    commencé commencer VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    hier hier ADV advmod 8
    . . PUNCT punct 8
    """,
)
INCISE_AFTER = Parse(
    "« Nous sommes prêts », a déclaré M. Rutte.",
    """
    « « PUNCT punct 4
    Nous nous PRON nsubj 4 Number=Plur|Person=1
    sommes être AUX cop 4 Mood=Ind|Number=Plur|Person=1|Tense=Pres|VerbForm=Fin
    prêts prêt ADJ ROOT 0 Gender=Masc|Number=Plur
    » » PUNCT punct 4
    , , PUNCT punct 8
    a avoir AUX aux:tense 8 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    déclaré déclarer VERB parataxis 4 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    M. m. NOUN nsubj 8 Gender=Masc|Number=Sing
    Rutte Rutte PROPN flat:name 9
    . . PUNCT punct 4
    """,
)
PASSIVE_CAPITAL = Parse(
    "Il est qualifié de « russophobe » par Moscou.",
    """
    Il il PRON nsubj:pass 3 Gender=Masc|Number=Sing|Person=3
    est être AUX aux:pass 3 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    qualifié qualifier VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    de de ADP case 6
    « « PUNCT punct 6
    russophobe russophobe NOUN obl:arg 3 Gender=Masc|Number=Plur
    » » PUNCT punct 6
    par par ADP case 9
    Moscou Moscou PROPN obl:mod 3 Gender=Masc|Number=Sing
    . . PUNCT punct 3
    """,
)
OFFICE = Parse(
    "Donald Trump est arrivé. Le président américain a déclaré que l'OTAN était obsolète.",
    """
    Donald Donald PROPN nsubj:pass 4 Gender=Masc|Number=Sing
    Trump Trump PROPN flat:name 1
    est être AUX aux:tense 4 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    arrivé arriver VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part|Voice=Pass
    . . PUNCT punct 4
    Le le DET det 7 Definite=Def|Gender=Masc|Number=Sing|PronType=Art
    président président NOUN nsubj 10 Gender=Masc|Number=Sing
    américain américain ADJ amod 7 Gender=Masc|Number=Sing
    a avoir AUX aux:tense 10 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    déclaré déclarer VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    que que SCONJ mark 15
    l' le DET det 13 Definite=Def|Number=Sing|PronType=Art
    OTAN OTAN PROPN nsubj 15 Gender=Fem|Number=Sing
    était être AUX cop 15 Mood=Ind|Number=Sing|Person=3|Tense=Imp|VerbForm=Fin
    obsolète obsolète ADJ ccomp 10 Gender=Fem|Number=Sing
    . . PUNCT punct 10
    """,
)
DEMONYM = Parse(
    "Mark Rutte est arrivé à Kiev. Le Néerlandais a réaffirmé que l'Ukraine l'emporterait.",
    """
    Mark Mark PROPN nsubj:pass 4 Gender=Masc|Number=Sing
    Rutte Rutte PROPN flat:name 1
    est être AUX aux:pass 4 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    arrivé arriver VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part|Voice=Pass
    à à ADP case 6
    Kiev Kiev PROPN obl:arg 4 Gender=Fem|Number=Sing
    . . PUNCT punct 4
    Le le DET det 9 Definite=Def|Gender=Masc|Number=Sing|PronType=Art
    Néerlandais Néerlandais PROPN nsubj 11 Gender=Masc|Number=Sing
    a avoir AUX aux:tense 11 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    réaffirmé réaffirmer VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    que que SCONJ mark 16
    l' le DET det 14 Definite=Def|Number=Sing|PronType=Art
    Ukraine Ukraine PROPN nsubj 16 Gender=Fem|Number=Sing
    l' le PRON obj 16 Number=Sing|Person=3
    emporterait emporter PROPN ccomp 11 Number=Sing
    . . PUNCT punct 11
    """,
)
JOINT = Parse(
    "M. Stoltenberg et M. Blinken ont souligné que l'unité transatlantique était essentielle.",
    """
    M. m. NOUN nsubj 7 Gender=Masc|Number=Sing
    Stoltenberg Stoltenberg PROPN flat:name 1
    et et CCONJ cc 4
    M. m. NOUN conj 1 Gender=Masc|Number=Sing
    Blinken Blinken PROPN flat:name 4
    ont avoir AUX aux:tense 7 Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin
    souligné souligner VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    que que SCONJ mark 13
    l' le DET det 10 Definite=Def|Number=Sing|PronType=Art
    unité unité NOUN nsubj 13 Gender=Fem|Number=Sing
    transatlantique transatlantique ADJ amod 10 Number=Sing
    était être AUX cop 13 Mood=Ind|Number=Sing|Person=3|Tense=Imp|VerbForm=Fin
    essentielle essentiel ADJ ccomp 7 Gender=Fem|Number=Sing
    . . PUNCT punct 7
    """,
)
COMPLEMENT = Parse(
    "Les ministres réunis sous la présidence de M. Le Drian ont souligné que la Russie paierait.",
    """
    Les le DET det 2 Definite=Def|Number=Plur|PronType=Art
    ministres ministre NOUN nsubj 12 Gender=Masc|Number=Plur
    réunis réunir VERB acl 2 Gender=Masc|Number=Plur|Tense=Past|VerbForm=Part
    sous sou ADP case 6
    la le DET det 6 Definite=Def|Gender=Fem|Number=Sing|PronType=Art
    présidence présidence NOUN obl:arg 3 Gender=Fem|Number=Sing
    de de ADP case 8
    M. m. NOUN nmod 6 Gender=Masc|Number=Sing
    Le le DET det 10 Definite=Def|Gender=Masc|Number=Sing|PronType=Art
    Drian Drian PROPN flat:name 8 Gender=Masc|Number=Sing
    ont avoir AUX aux:tense 12 Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin
    souligné souligner VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    que que SCONJ mark 16
    la le DET det 15 Definite=Def|Gender=Fem|Number=Sing|PronType=Art
    Russie Russie PROPN nsubj 16 Gender=Fem|Number=Sing
    paierait payer VERB ccomp 12 Mood=Cnd|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    . . PUNCT punct 12
    """,
)
HEADLINE_PRONOUN = Parse(
    "« Nous devons être prêts », a-t-il déclaré.\nJens Stoltenberg a rencontré les ministres.",
    """
    « « PUNCT punct 3
    Nous nous PRON nsubj 3 Number=Plur|Person=1
    devons devoir VERB ROOT 0 Mood=Ind|Number=Plur|Person=1|Tense=Pres|VerbForm=Fin
    être être AUX cop 5 VerbForm=Inf
    prêts prêt ADJ xcomp 3 Gender=Masc|Number=Plur
    » » PUNCT punct 5
    , , PUNCT punct 11
    a avoir AUX aux:tense 11 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    -t -t PRON expl:subj 11 Gender=Masc|Number=Sing|Person=3
    -il il PRON expl:subj 11 Gender=Masc|Number=Sing|Person=3
    déclaré déclarer VERB conj 3 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    . . PUNCT punct 3
    Jens Jens PROPN nsubj 16 Gender=Masc|Number=Sing
    Stoltenberg Stoltenberg PROPN flat:name 13
    a avoir AUX aux:tense 16 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    rencontré rencontrer VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    les le DET det 18 Definite=Def|Number=Plur|PronType=Art
    ministres ministre NOUN obj 16 Gender=Masc|Number=Plur
    . . PUNCT punct 16
    """,
)
REOPENED = Parse(
    "« Nous devons agir.\n« Chaque jour compte », a-t-il dit.",
    """
    « « PUNCT punct 3
    Nous nous PRON nsubj 3 Number=Plur|Person=1
    devons devoir VERB ROOT 0 Mood=Ind|Number=Plur|Person=1|Tense=Pres|VerbForm=Fin
    agir agir VERB xcomp 3 VerbForm=Inf
    . . PUNCT punct 3
    « « PUNCT punct 15
    Chaque chaque DET det 8 Number=Sing
    jour jour NOUN obl:mod 6 Gender=Masc|Number=Sing
    compte compte NOUN amod 8 Gender=Masc|Number=Sing
    » » PUNCT punct 6
    , , PUNCT punct 15
    a avoir AUX aux:tense 15 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    -t -t PRON nsubj 15 Gender=Masc|Number=Sing|Person=3
    -il il PRON nsubj 15 Gender=Masc|Number=Sing|Person=3
    dit dire VERB ROOT 0 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    . . PUNCT punct 15
    """,
)
LABEL = Parse(
    "Jens Stoltenberg : « L'OTAN est prête à défendre chaque allié »",
    """
    Jens Jens PROPN nsubj 8 Gender=Masc|Number=Sing
    Stoltenberg Stoltenberg PROPN flat:name 1
    : : PUNCT punct 1
    « « PUNCT punct 8
    L' le DET det 6 Definite=Def|Number=Sing|PronType=Art
    OTAN OTAN PROPN nsubj 8 Gender=Fem|Number=Sing
    est être AUX cop 8 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    prête prêt ADJ ROOT 0 Gender=Fem|Number=Sing
    à à ADP mark 10
    défendre défendre VERB xcomp 8 VerbForm=Inf
    chaque chaque DET det 12 Number=Sing
    allié allié NOUN obj 10 Gender=Masc|Number=Sing
    » » PUNCT punct 12
    """,
)
TERM_IN_INCISE = Parse(
    "« L'invasion de la Crimée » par la Russie, « son ingérence dans le Donbass », sont des choses"
    " inacceptables, a-t-il déclaré.",
    """
    « « PUNCT punct 28
    L' le DET det 3 Definite=Def|Number=Sing|PronType=Art
    invasion invasion NOUN nsubj 28 Gender=Fem|Number=Sing
    de de ADP case 6
    la le DET det 6 Definite=Def|Gender=Fem|Number=Sing|PronType=Art
    Crimée Crimée PROPN nmod 3 Gender=Fem|Number=Sing
    » » PUNCT punct 6
    par par ADP case 10
    la le DET det 10 Definite=Def|Gender=Fem|Number=Sing|PronType=Art
    Russie Russie PROPN nmod 3 Gender=Fem|Number=Sing
    , , PUNCT punct 12
    « « PUNCT punct 14
    son son DET det 14 Number=Sing|Poss=Yes
    ingérence ingérence NOUN conj 3 Gender=Fem|Number=Sing
    dans dans ADP case 17
    le le DET det 17 Definite=Def|Gender=Masc|Number=Sing|PronType=Art
    Donbass Donbass PROPN nmod 14 Gender=Masc|Number=Sing
    » » PUNCT punct 14
    , , PUNCT punct 22
    sont être AUX cop 22 Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin
    des un DET det 22 Definite=Ind|Number=Plur|PronType=Art
    choses chose NOUN conj 3 Gender=Fem|Number=Plur
    inacceptables inacceptable ADJ amod 22 Number=Plur
    , , PUNCT punct 28
    a avoir AUX aux:tense 28 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    -t -t PRON expl:subj 28 Gender=Masc|Number=Sing|Person=3
    -il il PRON expl:subj 28 Gender=Masc|Number=Sing|Person=3
    déclaré déclarer VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    . . PUNCT punct 28
    """,
)
NOUN_AFTER = Parse(
    "« Voilà pourquoi c'est un grand politicien » : le tacle de Trump à Macron.",
    """
    « « PUNCT punct 2
    Voilà voilà VERB ROOT 0 Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin
    pourquoi pourquoi ADV advmod 2 PronType=Int
    c' ce PRON nsubj 8 Number=Sing|Person=3
    est être AUX cop 8 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    un un DET det 8 Definite=Ind|Gender=Masc|Number=Sing|PronType=Art
    grand grand ADJ amod 8 Gender=Masc|Number=Sing
    politicien politicien ADJ conj 2 Gender=Masc|Number=Sing
    » » PUNCT punct 8
    : : PUNCT punct 8
    le le DET det 12 Definite=Def|Gender=Masc|Number=Sing|PronType=Art
    tacle tacle NOUN appos 8 Gender=Masc|Number=Sing
    de de ADP case 14
    Trump Trump PROPN nmod 12
    à à ADP case 16
    Macron macron NOUN nmod 12 Gender=Masc|Number=Sing
    . . PUNCT punct 2
    """,
)
NUMBERED = Parse(
    "M. Stoltenberg a reçu M. Blinken. Les deux dirigeants ont souligné que l'Alliance restait unie.",
    """
    M. m. NOUN nsubj 4 Gender=Masc|Number=Sing
    Stoltenberg Stoltenberg PROPN flat:name 1
    a avoir AUX aux:tense 4 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    reçu recevoir VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    M. m. NOUN obj 4 Gender=Masc|Number=Sing
    Blinken Blinken PROPN flat:name 5
    . . PUNCT punct 4
    Les le DET det 10 Definite=Def|Number=Plur|PronType=Art
    deux deux NUM nummod 10 NumType=Card
    dirigeants dirigeant NOUN nsubj 12 Gender=Masc|Number=Plur
    ont avoir AUX aux:tense 12 Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin
    souligné souligner VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    que que SCONJ mark 16
    l' le DET det 15 Definite=Def|Number=Sing|PronType=Art
    Alliance Alliance PROPN nsubj 16 Number=Sing
    restait rester AUX ccomp 12 Mood=Ind|Number=Sing|Person=3|Tense=Imp|VerbForm=Fin
    unie uni ADJ xcomp 16 Gender=Fem|Number=Sing
    . . PUNCT punct 12
    """,
)
DOCUMENT = Parse(
    "« Les Alliés sont unis », indique un communiqué publié par le Conseil. « Nous agirons », poursuit le texte.",
    """
    « « PUNCT punct 5
    Les le DET det 3 Definite=Def|Number=Plur|PronType=Art
    Alliés Alliés PROPN nsubj 5 Number=Plur
    sont être AUX cop 5 Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin
    unis unir PRON advcl 8 Gender=Masc|Number=Plur|Person=3
    » » PUNCT punct 5
    , , PUNCT punct 8
    indique indique VERB ROOT 0 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    un un DET det 10 Definite=Ind|Gender=Masc|Number=Sing|PronType=Art
    communiqué communiqué NOUN obj 8 Gender=Masc|Number=Sing
    publié publier VERB acl 10 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    par par ADP case 14
    le le DET det 14 Definite=Def|Gender=Masc|Number=Sing|PronType=Art
    Conseil conseil NOUN obl:agent 11 Gender=Masc|Number=Sing
    . . PUNCT punct 8
    « « PUNCT punct 18
    Nous nous PRON nsubj 18 Number=Plur|Person=1
    agirons agir VERB ROOT 0 Mood=Ind|Number=Plur|Person=1|Tense=Pres|VerbForm=Fin
    » » PUNCT punct 18
    , , PUNCT punct 21
    poursuit poursuivre VERB parataxis 18 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    le le DET det 23 Definite=Def|Gender=Masc|Number=Sing|PronType=Art
    texte texte NOUN nsubj 21 Gender=Masc|Number=Sing
    . . PUNCT punct 18
    """,
)
UNCUED_CONTINUES = Parse(
    "« Nous sommes prêts », a déclaré M. Rutte. « Chaque allié compte. »",
    """
    « « PUNCT punct 4
    Nous nous PRON nsubj 4 Number=Plur|Person=1
    sommes être AUX cop 4 Mood=Ind|Number=Plur|Person=1|Tense=Pres|VerbForm=Fin
    prêts prêt ADJ ROOT 0 Gender=Masc|Number=Plur
    » » PUNCT punct 4
    , , PUNCT punct 8
    a avoir AUX aux:tense 8 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    déclaré déclarer VERB parataxis 4 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    M. m. NOUN nsubj 8 Gender=Masc|Number=Sing
    Rutte Rutte PROPN flat:name 9
    . . PUNCT punct 4
    « « PUNCT punct 14
    Chaque chaque DET det 14 Number=Sing
    allié allié NOUN ROOT 0 Gender=Masc|Number=Sing
    compte compte NOUN nmod 14 Gender=Masc|Number=Sing
    . . PUNCT punct 14
    » » PUNCT punct 14
    """,
)
PARTICIPLE_MAIN_SUBJECT = Parse(
    "Le président américain a ouvert les hostilités, qualifiant les propos de M. Macron sur la « mort"
    " cérébrale » de « très insultants ».",
    """
    Le le DET det 2 Definite=Def|Gender=Masc|Number=Sing|PronType=Art
    président président NOUN nsubj 5 Gender=Masc|Number=Sing
    américain américain ADJ amod 2 Gender=Masc|Number=Sing
    a avoir AUX aux:tense 5 Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    ouvert ouvrir VERB ROOT 0 Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part
    les le DET det 7 Definite=Def|Number=Plur|PronType=Art
    hostilités hostilité NOUN obj 5 Gender=Fem|Number=Plur
    , , PUNCT punct 7
    qualifiant qualifier VERB acl 7 Tense=Pres|VerbForm=Part
    les le DET det 11 Definite=Def|Number=Plur|PronType=Art
    propos propos NOUN obj 9 Gender=Masc|Number=Plur
    de de ADP case 13
    M. m. NOUN nmod 11 Gender=Masc|Number=Sing
    Macron macron ADV flat:name 13
    sur sur ADP case 18
    la le DET det 18 Definite=Def|Gender=Fem|Number=Sing|PronType=Art
    « « PUNCT punct 18
    mort mort NOUN nmod 11 Gender=Fem|Number=Sing
    cérébrale cérébral ADJ amod 18 Gender=Fem|Number=Sing
    » » PUNCT punct 24
    de de ADP case 24
    « « PUNCT punct 24
    très très ADV advmod 24
    insultants insultant ADJ amod 18 Gender=Masc|Number=Plur
    » » PUNCT punct 7
    . . PUNCT punct 5
    """,
)
