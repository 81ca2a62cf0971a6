package org.urna.kiosk.voter;

import java.util.List;

/**
 * The view-model of one screen, already in words in the voter's language: a view only lays these
 * strings out and forwards taps. {@link #spokenText()} is the screen's text model, in reading
 * order, for the audio ballot.
 */
public sealed interface VoterScreen
    permits WaitingViewModel,
        LanguageViewModel,
        ContestViewModel,
        ReviewViewModel,
        BlankBallotViewModel,
        PaperViewModel,
        OutcomeViewModel {

  List<String> spokenText();
}
